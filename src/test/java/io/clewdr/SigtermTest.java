package io.clewdr;

import static org.assertj.core.api.Assertions.assertThat;

import io.clewdr.testkit.ServerHarness;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * ClewdR as a real process: started from the command line, told to stop with SIGTERM or refused its
 * port, and checked for what it printed and left on disk.
 */
class SigtermTest {
    private static final Pattern PORT = Pattern.compile("Dashboard\\s+http://127\\.0\\.0\\.1:(\\d+)/");

    @Test
    void sigterm_stops_the_process_cleanly_and_keeps_what_it_learned() throws Exception {
        Path dir = ServerHarness.tempDir();
        Path config = dir.resolve("clewdr.toml");
        Files.writeString(config, ServerHarness.standardToml());
        Path out = dir.resolve("out.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), "io.clewdr.Main", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        try {
            int port = awaitPort(out);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> added = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cookie"))
                            .header("Authorization", "Bearer " + ServerHarness.ADMIN_PASSWORD)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"cookie\":\"" + LifecycleTest.COOKIE + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(added.statusCode()).isEqualTo(200);

            process.destroy(); // SIGTERM

            assertThat(process.waitFor(20, TimeUnit.SECONDS))
                    .as("the process stops")
                    .isTrue();
            assertThat(Files.readString(config)).contains(LifecycleTest.COOKIE);
            assertThat(Files.readString(out)).contains("stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void a_port_already_taken_ends_the_process_with_one_clear_line_and_status_1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path dir = ServerHarness.tempDir();
            Path config = dir.resolve("clewdr.toml");
            Files.writeString(
                    config, ServerHarness.standardToml().replace("port = 0", "port = " + taken.getLocalPort()));
            Path out = dir.resolve("out.txt");
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            "io.clewdr.Main",
                            "-c",
                            config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            try {
                assertThat(process.waitFor(30, TimeUnit.SECONDS))
                        .as("the process ends by itself")
                        .isTrue();
                assertThat(process.exitValue()).isEqualTo(1);
                String printed = Files.readString(out);
                assertThat(printed)
                        .contains("ClewdR cannot start: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                        .contains("already in use")
                        .doesNotContain("Exception")
                        .doesNotContain("\tat ");
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static int awaitPort(Path out) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(out)) {
                Matcher m = PORT.matcher(Files.readString(out));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no banner within 30 s: " + List.of(Files.readString(out)));
    }
}
