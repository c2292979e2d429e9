package io.clewdr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ConfigApiTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = RandomPassword.generate();
    private static final String ADMIN = RandomPassword.generate();
    private static final Settings CURRENT = Settings.defaults()
            .withPassword(PASSWORD)
            .withAdminPassword(ADMIN)
            .withProxy("http://proxyuser:proxypass@127.0.0.1:3128")
            .with(Map.of(
                    "persistence.mode", "postgres",
                    "persistence.database_url", "postgres://dbuser:dbpass@127.0.0.1/clewdr",
                    "port", 9000));

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void get_never_contains_the_real_secrets() {
        String rendered = JSON.writeValueAsString(ConfigApi.render(CURRENT));

        assertThat(rendered)
                .doesNotContain(PASSWORD, ADMIN, "proxypass", "proxyuser", "dbpass")
                .contains("\"password\":\"" + PASSWORD.substring(0, 4) + "…********\"");
    }

    @Test
    void get_has_the_head_keys_and_the_new_tables_but_not_the_file_only_keys() {
        ObjectNode rendered = ConfigApi.render(CURRENT);

        assertThat(rendered.propertyNames())
                .contains("ip", "port", "password", "admin_password", "proxy", "rproxy", "max_retries", "custom_system")
                .contains("upstream", "persistence", "models", "model_aliases")
                .doesNotContain("no_fs", "log_to_file", "cookie_array", "wasted_cookie");
        assertThat(rendered.get("rproxy").isNull()).isTrue();
        assertThat(rendered.get("upstream").get("claude_code_version").stringValue())
                .isEqualTo("2.1.76");
        assertThat(rendered.get("port").intValue()).isEqualTo(9000);
    }

    @Test
    void a_partial_body_changes_only_its_keys() {
        Settings next = ConfigApi.merge(
                CURRENT, json("{\"max_retries\": 2, \"upstream\": {\"gemini_base\": \"http://127.0.0.1:1/\"}}"));

        assertThat(next.maxRetries()).isEqualTo(2);
        assertThat(next.upstream().geminiBase()).isEqualTo("http://127.0.0.1:1/");
        assertThat(next.with(Map.of(
                        "max_retries",
                        5,
                        "upstream.gemini_base",
                        Upstream.defaults().geminiBase())))
                .isEqualTo(CURRENT);
        assertThat(next.port()).isEqualTo(9000);
        assertThat(next.useRealRoles()).isTrue();
        assertThat(next.checkUpdate()).isTrue();
    }

    @Test
    void posting_back_the_whole_get_output_changes_nothing() {
        assertThat(ConfigApi.merge(CURRENT, ConfigApi.render(CURRENT))).isEqualTo(CURRENT);
    }

    @Test
    void masked_secrets_posted_back_mean_unchanged() {
        ObjectNode rendered = ConfigApi.render(CURRENT);
        ObjectNode body = JSON.createObjectNode();
        body.set("password", rendered.get("password"));
        body.set("admin_password", rendered.get("admin_password"));
        body.set("proxy", rendered.get("proxy"));
        body.put("web_search", true);

        Settings next = ConfigApi.merge(CURRENT, body);

        assertThat(next.password()).isEqualTo(PASSWORD);
        assertThat(next.adminPassword()).isEqualTo(ADMIN);
        assertThat(next.proxy()).isEqualTo(CURRENT.proxy());
        assertThat(next.webSearch()).isTrue();
    }

    @Test
    void a_real_new_password_is_taken_and_null_clears_an_optional_key() {
        Settings next = ConfigApi.merge(CURRENT, json("{\"password\": \"new-secret\", \"proxy\": null}"));

        assertThat(next.password()).isEqualTo("new-secret");
        assertThat(next.proxy()).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"port\": 70000}|port",
                "{\"port\": \"8484\"}|port",
                "{\"max_retries\": -1}|max_retries",
                "{\"web_search\": \"yes\"}|web_search",
                "{\"proxy\": \"not a url\"}|proxy",
                "{\"proxy\": \"ftp://h:1\"}|proxy",
                "{\"ip\": \"localhost\"}|ip",
                "{\"persistence\": {\"mode\": \"oracle\"}}|persistence.mode",
                "{\"persistence\": {\"mode\": \"mysql\", \"database_url\": null}}|persistence.database_url",
                "{\"password\": \"  \"}|password",
                "{\"admin_password\": \"abcd…********\"}|admin_password",
                "{\"use_real_roles\": null}|use_real_roles",
                "{\"models\": [\"a\", 1]}|models",
                "{\"upstream\": {\"claude_base\": \"file:///etc\"}}|upstream.claude_base"
            })
    void a_bad_value_is_rejected_naming_its_key(String body, String key) {
        assertThatThrownBy(() -> ConfigApi.merge(CURRENT, json(body)))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).contains(key);
                    assertThat(e.getMessage()).startsWith(key + ":");
                });
    }

    @Test
    void unknown_and_read_only_keys_are_rejected_naming_all_of_them() {
        assertThatThrownBy(() -> ConfigApi.merge(
                        CURRENT,
                        json("{\"port\": 1, \"bogus\": 1, \"no_fs\": true, \"upstream\": {\"mirror\": \"x\"}}")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).contains("bogus");
                    assertThat(e.getMessage()).contains("bogus", "no_fs", "upstream.mirror");
                });
    }

    @Test
    void a_body_that_is_not_an_object_is_rejected() {
        assertThatThrownBy(() -> ConfigApi.merge(CURRENT, json("[1]"))).isInstanceOf(ConfigException.class);
    }

    @Test
    void error_messages_never_echo_a_posted_secret() {
        assertThatThrownBy(() -> ConfigApi.merge(CURRENT, json("{\"proxy\": \"http://u:hunter2@\"}")))
                .isInstanceOf(ConfigException.class)
                .message()
                .doesNotContain("hunter2");
    }
}
