package io.clewdr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void a_missing_file_gives_the_defaults_with_generated_passwords() {
        ConfigDocument doc = ConfigLoader.create(Map.of()).load(dir.resolve("none.toml"));

        assertThat(doc.settings().port()).isEqualTo(8484);
        assertThat(doc.settings().ip()).isEqualTo("127.0.0.1");
        assertThat(doc.settings().skipRateLimit()).isTrue();
        assertThat(doc.settings().useRealRoles()).isTrue();
        assertThat(doc.settings().maxRetries()).isEqualTo(5);
        assertThat(doc.settings().models()).hasSize(10).startsWith("claude-fable-5");
        assertThat(doc.settings().upstream()).isEqualTo(Upstream.defaults());
        assertThat(doc.settings().password()).hasSize(64);
        assertThat(doc.passwordGenerated()).isTrue();
        assertThat(doc.adminPasswordGenerated()).isTrue();
    }

    @Test
    void environment_beats_file_and_the_command_line_picks_the_file() throws IOException {
        write("clewdr.toml", "port = 1111\n");
        Path chosen = write("chosen.toml", "port = 2222\nmax_retries = 3\npassword = \"file-pass\"\n");
        CliOptions cli = CliOptions.parse("-c", chosen.toString());

        ConfigDocument doc = ConfigLoader.load(cli, Map.of("CLEWDR_MAX_RETRIES", "7"));

        assertThat(doc.source()).isEqualTo(chosen);
        assertThat(doc.settings().port()).isEqualTo(2222);
        assertThat(doc.settings().maxRetries()).isEqualTo(7);
        assertThat(doc.settings().password()).isEqualTo("file-pass");
        assertThat(doc.envKeys()).containsExactly("max_retries");
    }

    @Test
    void nested_environment_keys_override_the_file_table() throws IOException {
        Path file = write("c.toml", "[persistence]\nmode = \"sqlite\"\nsqlite_path = \"/a.db\"\n");

        Settings settings = ConfigLoader.create(Map.of("CLEWDR_PERSISTENCE__SQLITE_PATH", "/b.db"))
                .load(file)
                .settings();

        assertThat(settings.persistence().mode()).isEqualTo(Persistence.Mode.SQLITE);
        assertThat(settings.persistence().sqlitePath()).isEqualTo("/b.db");
    }

    @Test
    void environment_cookies_come_after_the_files_cookies() throws IOException {
        Path file = write("c.toml", "[[cookie_array]]\ncookie = \"file-cookie\"\n");

        ConfigDocument doc = ConfigLoader.create(Map.of("CLEWDR_COOKIE_ARRAY", "[{cookie=\"env-cookie\"}]"))
                .load(file);

        assertThat(doc.section(CredentialSection.COOKIE_ARRAY).findValuesAsString("cookie"))
                .containsExactly("file-cookie", "env-cookie");
    }

    @Test
    void blank_passwords_are_generated_and_flagged_but_set_ones_are_kept() throws IOException {
        Path file = write("c.toml", "password = \"   \"\nadmin_password = \"mine\"\n");

        ConfigDocument doc = ConfigLoader.create(Map.of()).load(file);

        assertThat(doc.settings().password()).hasSize(64).isNotBlank();
        assertThat(doc.passwordGenerated()).isTrue();
        assertThat(doc.settings().adminPassword()).isEqualTo("mine");
        assertThat(doc.adminPasswordGenerated()).isFalse();
    }

    @Test
    void invalid_toml_names_file_line_and_key() throws IOException {
        Path file = write("c.toml", "port = 8484\nmax_retries = 5\npassword = \"unterminated\nweb_search = true\n");

        assertThatThrownBy(() -> ConfigLoader.create(Map.of()).load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.file()).contains(file);
                    assertThat(e.line()).hasValue(3);
                    assertThat(e.key()).contains("password");
                    assertThat(e.getMessage()).contains(file.toString() + ":3").contains("password");
                });
    }

    @Test
    void a_wrong_type_names_file_line_and_key_instead_of_resetting_every_setting() throws IOException {
        Path file = write(
                "c.toml", "ip = \"127.0.0.1\"\n\n[upstream]\nclaude_base = \"http://x/\"\n\n[persistence]\nmode = 3\n");

        assertThatThrownBy(() -> ConfigLoader.create(Map.of()).load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.line()).hasValue(7);
                    assertThat(e.key()).contains("persistence.mode");
                    assertThat(e.getMessage()).contains("c.toml:7").contains("expected a string, got an integer");
                });
    }

    @Test
    void a_bad_value_in_the_file_names_its_line_without_echoing_strings() throws IOException {
        Path file = write("c.toml", "port = 8484\nproxy = \"ftp://user:secret@host\"\n");

        assertThatThrownBy(() -> ConfigLoader.create(Map.of()).load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.line()).hasValue(2);
                    assertThat(e.key()).contains("proxy");
                    assertThat(e.getMessage()).doesNotContain("secret");
                });
    }

    @Test
    void an_all_digit_password_in_the_file_must_be_quoted() throws IOException {
        Path file = write("c.toml", "password = 12345\n");

        assertThatThrownBy(() -> ConfigLoader.create(Map.of()).load(file))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).contains("password"));
    }

    @Test
    void a_credential_section_of_the_wrong_shape_is_an_error() throws IOException {
        Path file = write("c.toml", "cookie_array = \"sk-ant\"\n");

        assertThatThrownBy(() -> ConfigLoader.create(Map.of()).load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).contains("cookie_array");
                    assertThat(e.line()).hasValue(1);
                });
    }

    @Test
    void unknown_keys_are_reported_with_their_line() throws IOException {
        Path file = write("c.toml", "port = 1\ncache_response = 3\n[upstream]\nmirror = \"x\"\n[extra]\na = 1\n");

        ConfigDocument doc = ConfigLoader.create(Map.of()).load(file);

        assertThat(doc.unknownKeys()).containsExactly("cache_response", "upstream.mirror", "extra");
        assertThat(doc.warnings())
                .anySatisfy(w -> assertThat(w).contains(":2:").contains("cache_response"))
                .anySatisfy(w -> assertThat(w).contains(":4:").contains("upstream.mirror"));
        assertThat(doc.settings().port()).isEqualTo(1);
    }
}
