package io.clewdr.upstream;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A real proxy (Debian's tinyproxy or microsocks) run as a child process on a free loopback port. */
final class ProxyProcess implements AutoCloseable {

    private static final Path TINYPROXY = Path.of("/usr/bin/tinyproxy");
    private static final Path MICROSOCKS = Path.of("/usr/bin/microsocks");

    final int port;
    private final Process process;
    private final Path log;

    private ProxyProcess(List<String> command, int port, Path dir) throws IOException {
        this.port = port;
        this.log = dir.resolve("proxy.log");
        this.process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(this::accepts);
    }

    /** tinyproxy in the foreground: CONNECT to any port allowed, loopback clients only. */
    static ProxyProcess tinyproxy(Path dir) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(TINYPROXY), "tinyproxy is not installed (.ci/run installs it)");
        int port = freePort();
        Path conf = dir.resolve("tinyproxy.conf");
        // No ConnectPort lines: CONNECT to every port is allowed, which the tests need.
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "Port " + port,
                        "Listen 127.0.0.1",
                        "Timeout 60",
                        "Allow 127.0.0.1",
                        "MaxClients 50",
                        "LogLevel Connect",
                        ""));
        return new ProxyProcess(List.of(TINYPROXY.toString(), "-d", "-c", conf.toString()), port, dir);
    }

    /** microsocks, with a user and password when both are given. */
    static ProxyProcess microsocks(Path dir, String user, String password) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(MICROSOCKS), "microsocks is not installed (.ci/run installs it)");
        int port = freePort();
        List<String> command =
                new ArrayList<>(List.of(MICROSOCKS.toString(), "-i", "127.0.0.1", "-p", Integer.toString(port)));
        if (user != null) {
            command.addAll(List.of("-u", user, "-P", password));
        }
        return new ProxyProcess(command, port, dir);
    }

    /** What the proxy has logged so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private boolean accepts() {
        try (var s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
