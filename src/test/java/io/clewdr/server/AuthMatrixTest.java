package io.clewdr.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.clewdr.testkit.ServerHarness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every route of the spec README with the authentication of clewdr-behaviour.md §2.2, through the
 * real server: who is let in, who gets a 401, and that the 401 is in the route's own protocol.
 */
class AuthMatrixTest {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String API = ServerHarness.API_PASSWORD;
    private static final String ADMIN = ServerHarness.ADMIN_PASSWORD;
    private static ServerHarness server;

    /** One route as the spec describes it. */
    record Spec(String method, String path, String rule, String protocol) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Spec> routes() {
        return List.of(
                new Spec("POST", "/v1/messages", "flexible", "anthropic"),
                new Spec("POST", "/v1/chat/completions", "bearer", "openai"),
                new Spec("GET", "/v1/models", "bearer", "openai"),
                new Spec("POST", "/code/v1/messages", "flexible", "anthropic"),
                new Spec("POST", "/code/v1/messages/count_tokens", "flexible", "anthropic"),
                new Spec("POST", "/code/v1/chat/completions", "bearer", "openai"),
                new Spec("GET", "/code/v1/models", "bearer", "openai"),
                new Spec("POST", "/v1/v1beta/models/gemini-2.5-pro:generateContent", "query", "gemini"),
                new Spec("GET", "/v1/v1beta/models", "query", "gemini"),
                new Spec("POST", "/v1/vertex/v1beta/models/gemini-2.5-pro:streamGenerateContent", "query", "gemini"),
                new Spec("POST", "/gemini/chat/completions", "bearer", "openai"),
                new Spec("POST", "/gemini/vertex/chat/completions", "bearer", "openai"),
                new Spec("GET", "/api/auth", "admin", "admin"),
                new Spec("GET", "/api/config", "admin", "admin"),
                new Spec("POST", "/api/config", "admin", "admin"),
                new Spec("GET", "/api/version", "none", "admin"),
                new Spec("GET", "/health", "none", "admin"));
    }

    @BeforeAll
    static void start() {
        server = ServerHarness.start("");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> call(Spec spec, String... headers) {
        HttpRequest.Builder request = server.request(spec.path());
        if (headers.length > 0) {
            request.headers(headers);
        }
        request.method(
                spec.method(),
                spec.method().equals("POST")
                        ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody());
        return server.send(request);
    }

    private static HttpResponse<String> callWithQuery(Spec spec, String key) {
        Spec withKey = new Spec(spec.method(), spec.path() + "?key=" + key, spec.rule(), spec.protocol());
        return call(withKey);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void no_credentials_are_refused_in_the_route_protocol(Spec spec) {
        HttpResponse<String> response = call(spec);

        if (spec.rule().equals("none")) {
            assertThat(response.statusCode()).isEqualTo(200);
            return;
        }
        assertThat(response.statusCode()).isEqualTo(401);
        assertUnauthorizedShape(spec, JSON.readTree(response.body()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void the_right_secret_in_the_right_place_is_let_in(Spec spec) {
        HttpResponse<String> response = switch (spec.rule()) {
            case "flexible", "bearer" -> call(spec, "Authorization", "Bearer " + API);
            case "admin" -> call(spec, "Authorization", "Bearer " + ADMIN);
            case "query" -> callWithQuery(spec, API);
            default -> call(spec);
        };

        assertThat(response.statusCode()).isNotEqualTo(401).isNotEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void the_secret_in_a_place_the_rule_does_not_read_is_refused(Spec spec) {
        switch (spec.rule()) {
            case "flexible" -> {
                assertThat(call(spec, "x-api-key", API).statusCode()).isNotEqualTo(401);
                assertThat(call(spec, "x-api-key", "wrong", "Authorization", "Bearer " + API)
                                .statusCode())
                        .as("x-api-key is read first")
                        .isEqualTo(401);
                assertThat(call(spec, "Authorization", "Bearer " + ADMIN).statusCode())
                        .isEqualTo(401);
            }
            case "bearer" -> {
                assertThat(call(spec, "x-api-key", API).statusCode()).isEqualTo(401);
                assertThat(call(spec, "Authorization", "Bearer " + ADMIN).statusCode())
                        .isEqualTo(401);
                assertThat(call(spec, "Authorization", API).statusCode()).isEqualTo(401);
            }
            case "admin" -> {
                assertThat(call(spec, "Authorization", "Bearer " + API).statusCode())
                        .isEqualTo(401);
                assertThat(call(spec, "x-api-key", ADMIN).statusCode()).isEqualTo(401);
            }
            case "query" -> {
                assertThat(call(spec, "x-goog-api-key", API).statusCode()).isNotEqualTo(401);
                assertThat(callWithQuery(spec, "wrong").statusCode()).isEqualTo(401);
                assertThat(call(spec, "Authorization", "Bearer " + API).statusCode())
                        .isEqualTo(401);
            }
            default -> assertThat(call(spec).statusCode()).isEqualTo(200);
        }
    }

    private static void assertUnauthorizedShape(Spec spec, JsonNode body) {
        switch (spec.protocol()) {
            case "anthropic" -> {
                assertThat(body.path("type").asString()).isEqualTo("error");
                assertThat(body.path("error").path("type").asString()).isEqualTo("authentication_error");
                assertThat(body.path("error").path("message").asString()).isEqualTo("Key/Password Invalid");
            }
            case "openai" -> {
                assertThat(body.path("error").path("message").asString()).isEqualTo("Key/Password Invalid");
                assertThat(body.path("error").has("type")).isTrue();
                assertThat(body.path("error").has("param")).isTrue();
                assertThat(body.path("error").has("code")).isTrue();
            }
            case "gemini" -> {
                assertThat(body.path("error").path("code").asInt()).isEqualTo(401);
                assertThat(body.path("error").path("status").asString()).isEqualTo("UNAUTHENTICATED");
            }
            default -> assertThat(body.path("error").asString()).isEqualTo("Key/Password Invalid");
        }
    }
}
