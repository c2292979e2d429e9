package io.clewdr.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clewdr.testkit.ServerHarness;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET/POST /api/config} and hand edits of the file, through the running server. */
class ConfigApiEndToEndTest {
    private static final JsonMapper JSON = JsonMapper.shared();
    private ServerHarness server;

    @BeforeEach
    void start() {
        server = ServerHarness.start("max_retries = 3\ncustom_prompt = \"hello\"\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode config() {
        HttpResponse<String> response = server.adminGet("/api/config");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void the_config_is_shown_with_both_passwords_masked() {
        HttpResponse<String> response = server.adminGet("/api/config");

        assertThat(response.body())
                .doesNotContain(ServerHarness.API_PASSWORD)
                .doesNotContain(ServerHarness.ADMIN_PASSWORD);
        JsonNode config = JSON.readTree(response.body());
        assertThat(config.path("max_retries").asInt()).isEqualTo(3);
        assertThat(config.path("password").asString()).isNotBlank();
        assertThat(config.has("cookie_array")).isFalse();
    }

    @Test
    void a_partial_body_changes_only_what_it_names_and_is_saved() {
        HttpResponse<String> response = server.adminPost("/api/config", "{\"max_retries\": 7}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("message").asString()).isEqualTo("Config updated successfully");
        JsonNode config = config();
        assertThat(config.path("max_retries").asInt()).isEqualTo(7);
        assertThat(config.path("custom_prompt").asString()).isEqualTo("hello");
        assertThat(config.path("port").asInt()).isZero();
        assertThat(server.configText()).contains("max_retries = 7").contains("custom_prompt = \"hello\"");
        assertThat(server.app().config().get().maxRetries()).isEqualTo(7);
    }

    @Test
    void masked_passwords_posted_back_leave_them_unchanged() {
        JsonNode shown = config();

        HttpResponse<String> response = server.adminPost("/api/config", JSON.writeValueAsString(shown));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.app().config().get().password()).isEqualTo(ServerHarness.API_PASSWORD);
        assertThat(server.adminGet("/api/auth").statusCode())
                .as("the admin password still works")
                .isEqualTo(200);
    }

    @Test
    void a_bad_value_is_a_400_naming_the_key_and_nothing_changes() {
        String before = server.configText();

        HttpResponse<String> response = server.adminPost("/api/config", "{\"max_retries\": 2, \"port\": \"x\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asString()).contains("port");
        assertThat(server.configText()).isEqualTo(before);
        assertThat(server.app().config().get().maxRetries()).isEqualTo(3);
    }

    @Test
    void an_unknown_key_is_a_400_naming_it() {
        HttpResponse<String> response = server.adminPost("/api/config", "{\"max_retrys\": 2}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asString()).contains("max_retrys");
    }

    @Test
    void a_body_that_is_not_json_is_a_400() {
        assertThat(server.adminPost("/api/config", "{nope").statusCode()).isEqualTo(400);
    }

    @Test
    void a_new_api_password_takes_effect_for_the_next_request() {
        String fresh = "a-brand-new-api-password-0987654321";
        server.adminPost("/api/config", "{\"password\": \"" + fresh + "\"}");

        assertThat(server.send(server.request("/v1/models").header("Authorization", "Bearer " + fresh))
                        .statusCode())
                .isEqualTo(200);
        assertThat(server.send(server.request("/v1/models")
                                .header("Authorization", "Bearer " + ServerHarness.API_PASSWORD))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void a_hand_edit_of_the_file_is_picked_up_within_two_seconds() throws IOException {
        String text = server.configText().replace("max_retries = 3", "max_retries = 9");
        Files.writeString(server.configFile(), text);

        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(
                        () -> assertThat(config().path("max_retries").asInt()).isEqualTo(9));
    }

    @Test
    void an_invalid_hand_edit_is_ignored_and_never_overwritten() throws IOException, InterruptedException {
        String broken = server.configText().replace("max_retries = 3", "max_retries = \"three\"");
        Files.writeString(server.configFile(), broken);
        Thread.sleep(1500);

        assertThat(config().path("max_retries").asInt())
                .as("the old value stays in effect")
                .isEqualTo(3);
        HttpResponse<String> save = server.adminPost("/api/config", "{\"custom_prompt\": \"x\"}");

        assertThat(save.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(save.body()).path("error").asString()).contains("edited by hand");
        assertThat(server.configText()).isEqualTo(broken);
    }

    @Test
    void a_save_after_a_hand_edit_keeps_the_edit() throws IOException {
        String text = server.configText().replace("custom_prompt = \"hello\"", "custom_prompt = \"edited\"");
        Files.writeString(server.configFile(), text);

        server.adminPost("/api/config", "{\"max_retries\": 4}");

        assertThat(server.configText()).contains("custom_prompt = \"edited\"").contains("max_retries = 4");
    }
}
