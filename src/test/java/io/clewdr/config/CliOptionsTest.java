package io.clewdr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliOptionsTest {
    @TempDir
    Path dir;

    @Test
    void without_flags_the_config_is_clewdr_toml_in_the_working_directory() {
        CliOptions cli = CliOptions.parse();

        assertThat(cli.config()).isEqualTo(Path.of("clewdr.toml"));
        assertThat(cli.logDir()).isEqualTo(Path.of("log"));
        assertThat(cli.cookieFilePath()).isEmpty();
        assertThat(cli.readCookieLines()).isEmpty();
        assertThat(cli.version()).isFalse();
        assertThat(cli.help()).isFalse();
    }

    @Test
    void short_and_long_flags_set_the_paths() {
        assertThat(CliOptions.parse("-c", "/etc/clewdr/clewdr.toml", "-l", "/etc/clewdr/log"))
                .isEqualTo(CliOptions.parse("--config", "/etc/clewdr/clewdr.toml", "--log-dir=/etc/clewdr/log"))
                .satisfies(cli -> {
                    assertThat(cli.config()).isEqualTo(Path.of("/etc/clewdr/clewdr.toml"));
                    assertThat(cli.logDir()).isEqualTo(Path.of("/etc/clewdr/log"));
                });
    }

    @Test
    void the_cookie_file_is_read_line_by_line() throws IOException {
        Path cookies = dir.resolve("cookies.txt");
        Files.writeString(cookies, "sk-ant-sid01-a\nsk-ant-sid01-b\n");

        assertThat(CliOptions.parse("-f", cookies.toString()).readCookieLines())
                .containsExactly("sk-ant-sid01-a", "sk-ant-sid01-b");
        assertThat(CliOptions.parse("--file", cookies.toString()).cookieFilePath())
                .contains(cookies);
    }

    @Test
    void version_and_help_are_flags() {
        assertThat(CliOptions.parse("-V").version()).isTrue();
        assertThat(CliOptions.parse("--version").version()).isTrue();
        assertThat(CliOptions.parse("-h").help()).isTrue();
        assertThat(CliOptions.usage()).contains("--config", "--log-dir", "--file", "--version");
    }

    @Test
    void an_unknown_flag_is_an_error_with_the_usage() {
        assertThatThrownBy(() -> CliOptions.parse("--bogus"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--bogus")
                .hasMessageContaining("--config");
    }

    @Test
    void a_path_flag_without_its_value_or_a_stray_argument_is_an_error_naming_it() {
        assertThatThrownBy(() -> CliOptions.parse("-c"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'-c'")
                .hasMessageContaining("Usage: clewdr");
        assertThatThrownBy(() -> CliOptions.parse("--log-dir=/tmp", "extra"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'extra'");
    }

    @Test
    void a_later_flag_wins_and_a_value_may_start_with_a_dash() {
        CliOptions cli = CliOptions.parse("-c", "a.toml", "--config=b.toml", "-l", "-logs");
        assertThat(cli.config()).isEqualTo(Path.of("b.toml"));
        assertThat(cli.logDir()).isEqualTo(Path.of("-logs"));
    }
}
