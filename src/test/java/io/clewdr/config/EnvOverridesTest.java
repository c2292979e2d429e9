package io.clewdr.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvOverridesTest {
    private static final Path FILE = Path.of("clewdr.toml");

    private static Settings load(Map<String, String> env) {
        return ConfigLoader.create(env).fromText(FILE, "").settings();
    }

    private static ConfigDocument doc(Map<String, String> env) {
        return ConfigLoader.create(env).fromText(FILE, "");
    }

    @Test
    void an_all_digit_password_stays_the_string_of_digits() {
        assertThat(load(Map.of("CLEWDR_PASSWORD", "12345")).password()).isEqualTo("12345");
    }

    @Test
    void a_quoted_all_digit_password_loses_its_quotes() {
        assertThat(load(Map.of("CLEWDR_PASSWORD", "\"12345\"")).password()).isEqualTo("12345");
    }

    @Test
    void surrounding_whitespace_is_trimmed() {
        assertThat(load(Map.of("CLEWDR_CUSTOM_PROMPT", "  hello  ")).customPrompt())
                .isEqualTo("hello");
        assertThat(load(Map.of("CLEWDR_PORT", " 9000 ")).port()).isEqualTo(9000);
    }

    @Test
    void a_quoted_value_with_escapes_is_read_as_a_toml_basic_string() {
        assertThat(load(Map.of("CLEWDR_CUSTOM_PROMPT", "\"say \\\"hi\\\"\\n\"")).customPrompt())
                .isEqualTo("say \"hi\"\n");
    }

    @Test
    void a_quoted_value_that_is_not_a_valid_basic_string_is_kept_raw() {
        assertThat(load(Map.of("CLEWDR_CUSTOM_PROMPT", "\"a\" \"b\"")).customPrompt())
                .isEqualTo("\"a\" \"b\"");
    }

    @Test
    void single_quotes_are_kept() {
        assertThat(load(Map.of("CLEWDR_CUSTOM_PROMPT", "'x'")).customPrompt()).isEqualTo("'x'");
    }

    @Test
    void two_double_quotes_give_the_empty_string() {
        assertThat(load(Map.of("CLEWDR_CUSTOM_PROMPT", "\"\"")).customPrompt()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "yes", "Yes", "on", "ON", "1", "\"true\""})
    void booleans_accept_the_true_words_in_any_case(String value) {
        assertThat(load(Map.of("CLEWDR_WEB_SEARCH", value)).webSearch()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "no", "NO", "off", "Off", "0"})
    void booleans_accept_the_false_words_in_any_case(String value) {
        assertThat(load(Map.of("CLEWDR_USE_REAL_ROLES", value)).useRealRoles()).isFalse();
    }

    @Test
    void the_prefix_is_matched_case_insensitively() {
        assertThat(load(Map.of("clewdr_max_retries", "9")).maxRetries()).isEqualTo(9);
        assertThat(load(Map.of("Clewdr_MAX_RETRIES", "8")).maxRetries()).isEqualTo(8);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "CLEWDR_PORT|eighty",
                "CLEWDR_PORT|70000",
                "CLEWDR_WEB_SEARCH|maybe",
                "CLEWDR_MAX_RETRIES|-1",
                "CLEWDR_PROXY|ftp://h",
                "CLEWDR_MODELS|[1, 2]",
                "CLEWDR_PERSISTENCE__MODE|oracle"
            })
    void a_value_that_fails_coercion_is_ignored_with_a_warning_naming_the_variable_not_the_value(
            String name, String value) {
        ConfigDocument doc = doc(Map.of(name, value));

        assertThat(doc.settings())
                .usingRecursiveComparison()
                .ignoringFields("password", "adminPassword")
                .isEqualTo(Settings.defaults());
        assertThat(doc.warnings())
                .anySatisfy(w -> assertThat(w).startsWith(name + ":").doesNotContain(value));
        assertThat(doc.envKeys()).isEmpty();
    }

    @Test
    void keys_whose_default_is_none_are_strings() {
        Settings settings = load(Map.of("CLEWDR_CUSTOM_H", "12", "CLEWDR_CUSTOM_SYSTEM", "true"));
        assertThat(settings.customH()).isEqualTo("12");
        assertThat(settings.customSystem()).isEqualTo("true");
    }

    @Test
    void arrays_and_tables_are_toml_value_fragments() {
        Settings settings =
                load(Map.of("CLEWDR_MODELS", "[\"m-1\", \"m-2\"]", "CLEWDR_MODEL_ALIASES", "{ fast = \"m-1\" }"));
        assertThat(settings.models()).containsExactly("m-1", "m-2");
        assertThat(settings.modelAliases()).containsExactlyEntriesOf(Map.of("fast", "m-1"));
    }

    @Test
    void double_underscores_reach_nested_tables() {
        Settings settings = load(Map.of(
                "CLEWDR_PERSISTENCE__MODE", "sqlite",
                "CLEWDR_PERSISTENCE__SQLITE_PATH", "/tmp/c.db",
                "CLEWDR_UPSTREAM__CLAUDE_BASE", "http://127.0.0.1:9999/",
                "CLEWDR_UPSTREAM__GOOGLE_TOKEN_URL", "http://127.0.0.1:9998/token"));
        assertThat(settings.persistence().mode()).isEqualTo(Persistence.Mode.SQLITE);
        assertThat(settings.persistence().sqlitePath()).isEqualTo("/tmp/c.db");
        assertThat(settings.upstream().claudeBase()).isEqualTo("http://127.0.0.1:9999/");
        assertThat(settings.upstream().googleTokenUrl()).isEqualTo("http://127.0.0.1:9998/token");
    }

    @Test
    void a_whole_table_can_come_as_an_inline_table() {
        Settings settings = load(Map.of("CLEWDR_UPSTREAM", "{ gemini_base = \"http://127.0.0.1:1/\" }"));
        assertThat(settings.upstream().geminiBase()).isEqualTo("http://127.0.0.1:1/");
    }

    @Test
    void the_env_cookie_array_is_an_inline_toml_array_of_tables() {
        ConfigDocument doc =
                doc(Map.of("CLEWDR_COOKIE_ARRAY", "[{cookie=\"sk-ant-sid01-a\"},{cookie=\"sk-ant-sid01-b\"}]"));

        assertThat(doc.section(CredentialSection.COOKIE_ARRAY).findValuesAsString("cookie"))
                .containsExactly("sk-ant-sid01-a", "sk-ant-sid01-b");
    }

    @Test
    void the_other_credential_sections_come_from_the_environment_too() {
        ConfigDocument doc = doc(Map.of(
                "CLEWDR_WASTED_COOKIE", "[{cookie=\"w\", reason=\"Free\"}]",
                "CLEWDR_GEMINI_KEYS", "AIzaSyA,AIzaSyB",
                "CLEWDR_VERTEX__CREDENTIALS", "[{client_email=\"a@x\"}]",
                "CLEWDR_VERTEX_CREDENTIAL", "{\"client_email\":\"b@x\",\"private_key\":\"k\"}"));

        assertThat(doc.section(CredentialSection.WASTED_COOKIE)
                        .get(0)
                        .get("reason")
                        .stringValue())
                .isEqualTo("Free");
        assertThat(doc.section(CredentialSection.GEMINI_KEYS).valueStream().map(n -> n.stringValue()))
                .containsExactly("AIzaSyA", "AIzaSyB");
        assertThat(doc.section(CredentialSection.VERTEX)
                        .get("credentials")
                        .get(0)
                        .get("client_email")
                        .stringValue())
                .isEqualTo("a@x");
        assertThat(doc.section(CredentialSection.VERTEX)
                        .get("credential")
                        .get("client_email")
                        .stringValue())
                .isEqualTo("b@x");
    }

    @Test
    void an_unknown_variable_is_reported_and_ignored() {
        assertThat(doc(Map.of("CLEWDR_NO_SUCH_KEY", "1")).warnings())
                .anySatisfy(w -> assertThat(w).startsWith("CLEWDR_NO_SUCH_KEY:"));
    }

    @Test
    void the_launchers_jvm_flags_variable_is_not_taken_for_an_unknown_setting() {
        assertThat(doc(Map.of("CLEWDR_JAVA_OPTS", "-Xmx512m")).warnings())
                .noneSatisfy(w -> assertThat(w).contains("CLEWDR_JAVA_OPTS"));
    }

    @Test
    void variables_without_the_prefix_are_not_read() {
        assertThat(load(Map.of("PORT", "1", "CLEWDR", "x")).port()).isEqualTo(8484);
    }
}
