package io.clewdr.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.clewdr.testkit.ServerHarness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The cookie admin API through the running server, and what it leaves in {@code clewdr.toml}. */
class CookieApiEndToEndTest {
    private static final JsonMapper JSON = JsonMapper.shared();
    static final String A = "sk-ant-sid01-" + "a".repeat(86) + "-aaaaaaAA";
    static final String B = "sk-ant-sid01-" + "b".repeat(86) + "-bbbbbbAA";
    static final String C = "sk-ant-sid01-" + "c".repeat(86) + "-ccccccAA";

    private ServerHarness server;

    @BeforeEach
    void start() {
        server = ServerHarness.start("");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode listing(String query) {
        HttpResponse<String> response = server.adminGet("/api/cookies" + query);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> delete(String cookie) {
        return server.send(server.request("/api/cookie")
                .header("Authorization", "Bearer " + ServerHarness.ADMIN_PASSWORD)
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"cookie\":\"" + cookie + "\"}")));
    }

    @Test
    void an_added_cookie_is_on_disk_before_the_answer_and_listed() {
        HttpResponse<String> added = server.adminPost("/api/cookie", "{\"cookie\":\"sessionKey=" + A + "\"}");

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(added.body()).path("result").asString()).isEqualTo("added");
        assertThat(added.body()).doesNotContain(A);
        assertThat(server.configText()).contains("[[cookie_array]]").contains("cookie = \"" + A + "\"");
        assertThat(listing("?refresh=true").path("valid").findValuesAsString("cookie"))
                .containsExactly(A);
    }

    @Test
    void adding_a_known_cookie_again_is_a_duplicate_and_changes_nothing() {
        server.adminPost("/api/cookie", "{\"cookie\":\"" + A + "\"}");
        String before = server.configText();

        HttpResponse<String> again = server.adminPost("/api/cookie", "{\"cookie\":\"" + A + "\"}");

        assertThat(JSON.readTree(again.body()).path("result").asString()).isEqualTo("duplicate");
        assertThat(server.configText()).isEqualTo(before);
    }

    @Test
    void an_invalid_cookie_is_a_400() {
        HttpResponse<String> response = server.adminPost("/api/cookie", "{\"cookie\":\"not-a-cookie\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asString()).isEqualTo("Invalid cookie format");
    }

    @Test
    void many_cookies_at_once_answer_per_line() {
        String body = "sessionKey=" + A + "\n\n  \"" + B + "\";  \ngarbage here\n" + A + "\n";

        HttpResponse<String> response = server.send(server.request("/api/cookies")
                .header("Authorization", "Bearer " + ServerHarness.ADMIN_PASSWORD)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        JsonNode answer = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(answer.path("added").asInt()).isEqualTo(2);
        assertThat(answer.path("duplicate").asInt()).isEqualTo(1);
        assertThat(answer.path("invalid").asInt()).isEqualTo(1);
        assertThat(answer.path("results").findValuesAsString("result"))
                .containsExactly("added", "added", "invalid", "duplicate");
        assertThat(answer.path("results").findValues("line").stream().map(JsonNode::asInt))
                .containsExactly(1, 3, 4, 5);
        assertThat(response.body()).doesNotContain(A).doesNotContain(B);
        assertThat(server.app().pool().counts().valid()).isEqualTo(2);
    }

    @Test
    void many_cookies_as_json_work_too() {
        HttpResponse<String> response = server.adminPost("/api/cookies", "{\"cookies\":[\"" + A + "\",\"" + C + "\"]}");

        assertThat(JSON.readTree(response.body()).path("added").asInt()).isEqualTo(2);
    }

    @Test
    void a_deleted_cookie_is_gone_from_the_pool_and_the_file() {
        server.adminPost("/api/cookie", "{\"cookie\":\"" + A + "\"}");

        assertThat(delete(A).statusCode()).isEqualTo(204);

        assertThat(server.configText()).doesNotContain(A);
        assertThat(server.app().pool().counts().total()).isZero();
    }

    @Test
    void deleting_an_unknown_cookie_is_a_404() {
        HttpResponse<String> response = delete(B);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").asString()).startsWith("Failed to delete cookie");
    }

    @Test
    void a_disabled_cookie_is_kept_listed_as_disabled_and_can_be_enabled_again() {
        server.adminPost("/api/cookie", "{\"cookie\":\"" + A + "\"}");

        HttpResponse<String> off =
                server.adminPost("/api/cookie/state", "{\"cookie\":\"" + A + "\",\"disabled\":true}");

        assertThat(off.statusCode()).isEqualTo(200);
        assertThat(server.configText()).contains("disabled = true");
        assertThat(listing("?refresh=true").path("disabled").findValuesAsString("cookie"))
                .containsExactly(A);
        assertThat(server.app().pool().lease()).isEmpty();

        server.adminPost("/api/cookie/state", "{\"cookie\":\"" + A + "\",\"disabled\":false}");
        assertThat(listing("?refresh=true").path("valid").findValuesAsString("cookie"))
                .containsExactly(A);
        assertThat(server.app().pool().lease()).isPresent();
    }

    @Test
    void the_listing_is_cached_until_a_change_or_a_forced_refresh() {
        HttpResponse<String> first = server.adminGet("/api/cookies");
        HttpResponse<String> second = server.adminGet("/api/cookies");
        HttpResponse<String> forced = server.adminGet("/api/cookies?refresh=true");

        assertThat(first.headers().firstValue("x-cache-status")).hasValue("MISS");
        assertThat(second.headers().firstValue("x-cache-status")).hasValue("HIT");
        assertThat(second.headers().firstValue("x-cache-timestamp"))
                .isEqualTo(first.headers().firstValue("x-cache-timestamp"));
        assertThat(forced.headers().firstValue("x-cache-status")).hasValue("MISS");

        server.adminPost("/api/cookie", "{\"cookie\":\"" + A + "\"}");
        HttpResponse<String> afterChange = server.adminGet("/api/cookies");
        assertThat(afterChange.headers().firstValue("x-cache-status")).hasValue("MISS");
        assertThat(afterChange.body()).contains(A);
    }

    @Test
    void the_listing_never_shows_a_token() {
        String toml = ServerHarness.standardToml() + "\n[[cookie_array]]\ncookie = \"" + A + "\"\n"
                + "[cookie_array.token]\naccess_token = \"sk-ant-oat01-secret-access\"\nexpires_in = 28800\n"
                + "refresh_token = \"sk-ant-ort01-secret-refresh\"\nexpires_at = 1785087657.25\n"
                + "[cookie_array.token.organization]\nuuid = \"org-1\"\n";
        server.close();
        server = ServerHarness.startIn(
                ServerHarness.tempDir(), toml, java.util.Map.of(), java.util.List.of(), java.time.Clock.systemUTC());

        String body = server.adminGet("/api/cookies").body();

        assertThat(body).contains(A).doesNotContain("secret-access").doesNotContain("secret-refresh");
        assertThat(server.configText()).contains("secret-access");
    }
}
