package io.clewdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clewdr.config.ConfigException;
import io.clewdr.credential.ClewdrCookie;
import io.clewdr.credential.SubmitResult;
import io.clewdr.server.ListenException;
import io.clewdr.testkit.ServerHarness;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Start, first run, restart and stop of the whole application. */
class LifecycleTest {
    static final String COOKIE = "sk-ant-sid01-" + "A".repeat(86) + "-abcdefAA";

    @Test
    void the_version_endpoint_answers_the_original_format_without_auth() {
        try (ServerHarness server = ServerHarness.start("")) {
            HttpResponse<String> response = server.send(server.request("/api/version"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(response.body()).matches("v\\d+\\.\\d+\\.\\d+\nprofile: release\nmode: prod\nno_fs: false\n");
        }
    }

    @Test
    void a_first_run_generates_passwords_and_saves_them_at_once_with_mode_0600() throws IOException {
        Path dir = ServerHarness.tempDir();
        try (ServerHarness server = ServerHarness.startIn(dir, "port = 0\n", Map.of(), List.of(), Clock.systemUTC())) {
            String password = server.app().config().get().password();
            String admin = server.app().config().get().adminPassword();

            assertThat(password).hasSize(64).matches("[2-9a-km-zA-HJ-NP-Z]{64}");
            assertThat(admin).hasSize(64).isNotEqualTo(password);
            assertThat(server.configText()).contains(password).contains(admin);
            assertThat(Files.getPosixFilePermissions(server.configFile()))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(server.adminGet("/api/auth").statusCode()).isEqualTo(401);
            assertThat(server.send(server.request("/api/auth").header("Authorization", "Bearer " + admin))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void a_restart_keeps_the_generated_passwords() {
        Path dir = ServerHarness.tempDir();
        try (ServerHarness server = ServerHarness.startIn(dir, "port = 0\n", Map.of(), List.of(), Clock.systemUTC())) {
            String password = server.app().config().get().password();
            server.restart();

            assertThat(server.app().config().get().password()).isEqualTo(password);
        }
    }

    @Test
    void a_port_already_taken_stops_the_start_with_a_message_naming_it_and_leaves_no_thread_behind()
            throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Set<Thread> before = Thread.getAllStackTraces().keySet();

            assertThatThrownBy(() -> ServerHarness.start("", Map.of("CLEWDR_PORT", Integer.toString(port))))
                    .isInstanceOf(ListenException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + port)
                    .hasMessageContaining("already in use");
            // The event loops, the watcher and the ticker are gone: a failed start must not leave a
            // process that runs on without serving.
            List<String> left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                    .map(Thread::getName)
                    .toList();
            assertThat(left).isEmpty();
        }
    }

    @Test
    void a_corrupt_file_stops_the_start_names_the_line_and_stays_untouched() throws IOException {
        Path dir = ServerHarness.tempDir();
        String broken = "port = 0\npassword = \"abc\nmax_retries = 3\n";
        Files.writeString(dir.resolve("clewdr.toml"), broken);

        assertThatThrownBy(() -> ServerHarness.startIn(dir, null, Map.of(), List.of(), Clock.systemUTC()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clewdr.toml")
                .hasMessageContaining("clewdr.toml:2");
        assertThat(Files.readString(dir.resolve("clewdr.toml"))).isEqualTo(broken);
    }

    @Test
    void a_wrong_type_stops_the_start_naming_file_line_and_key() throws IOException {
        Path dir = ServerHarness.tempDir();
        String wrong = "port = 0\nmax_retries = \"many\"\n";
        Files.writeString(dir.resolve("clewdr.toml"), wrong);

        assertThatThrownBy(() -> ServerHarness.startIn(dir, null, Map.of(), List.of(), Clock.systemUTC()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clewdr.toml")
                .hasMessageContaining("clewdr.toml:2")
                .hasMessageContaining("max_retries");
        assertThat(Files.readString(dir.resolve("clewdr.toml"))).isEqualTo(wrong);
    }

    @Test
    void a_cookie_added_just_before_stop_is_in_the_file_after_it() {
        try (ServerHarness server = ServerHarness.start("")) {
            assertThat(server.app().pool().submit(ClewdrCookie.from(COOKIE))).isEqualTo(SubmitResult.ADDED);
            server.app().pool().recordUsage(ClewdrCookie.from(COOKIE), "claude-sonnet-4-6", 100, 20);
            server.app().close();

            assertThat(server.configText()).contains(COOKIE).contains("total_input_tokens = 100");
            server.restart();
            assertThat(server.app().pool().counts().valid()).isEqualTo(1);
        }
    }

    @Test
    void cookies_from_the_file_flag_are_loaded_and_saved() throws IOException {
        Path dir = ServerHarness.tempDir();
        Path cookies = dir.resolve("cookies.txt");
        Files.writeString(cookies, "sessionKey=" + COOKIE + ";\nnot a cookie\n\n");
        try (ServerHarness server = ServerHarness.startIn(
                dir, ServerHarness.standardToml(), Map.of(), List.of("-f", cookies.toString()), Clock.systemUTC())) {
            assertThat(server.app().pool().counts().valid()).isEqualTo(1);
            assertThat(server.configText()).contains(COOKIE);
        }
    }

    @Test
    void no_fs_writes_nothing_at_all() throws IOException {
        Path dir = ServerHarness.tempDir();
        try (ServerHarness server = ServerHarness.startIn(
                dir, null, Map.of("CLEWDR_NO_FS", "true", "CLEWDR_PORT", "0"), List.of(), Clock.systemUTC())) {
            server.app().pool().submit(ClewdrCookie.from(COOKIE));
            assertThat(server.send(server.request("/api/version")).body()).contains("no_fs: true");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void environment_overrides_the_file() {
        try (ServerHarness server = ServerHarness.start("max_retries = 3\n", Map.of("CLEWDR_MAX_RETRIES", "8"))) {
            assertThat(server.app().config().get().maxRetries()).isEqualTo(8);
        }
    }

    @Test
    void the_file_is_private_to_its_owner() throws IOException {
        try (ServerHarness server = ServerHarness.start("")) {
            server.adminPost("/api/config", "{\"max_retries\": 2}");
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(server.configFile());
            assertThat(permissions)
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }
}
