package io.clewdr.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.clewdr.relay.LlmRoutes;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The server layer on its own: errors per protocol, body limit, CORS, streaming, shutdown. */
class HttpServerTest {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Passwords PASSWORDS = new Passwords("api-secret-123", "admin-secret-456");
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    private static Transport transport;
    private static HttpServer server;
    private static URI base;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        transport = Transport.create(1);
        List<Route> routes = new ArrayList<>(LlmRoutes.create(() -> List.of("claude-x"), Map::of));
        routes.add(Route.of("GET", "/api/ping", Protocol.ADMIN, AuthRule.ADMIN, (req, ex) -> ex.text(200, "pong")));
        routes.add(Route.of("GET", "/stream", Protocol.ANTHROPIC, AuthRule.NONE, (req, ex) -> {
            ResponseStream stream = ex.stream(200, "text/event-stream", List.of());
            for (int i = 0; i < 3; i++) {
                stream.write(("event: n\ndata: " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
            }
            stream.end();
        }));
        routes.add(Route.of("GET", "/slow", Protocol.ANTHROPIC, AuthRule.NONE, (req, ex) -> {
            RELEASE.await(10, TimeUnit.SECONDS);
            ex.text(200, "done");
        }));
        routes.add(Route.of("GET", "/boom", Protocol.OPENAI, AuthRule.NONE, (req, ex) -> {
            throw new IllegalStateException("kaput");
        }));
        server = HttpServer.create(transport, Router.of(routes, null), () -> PASSWORDS);
        InetSocketAddress address = server.start("127.0.0.1", 0);
        base = URI.create("http://127.0.0.1:" + address.getPort());
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        server.stop(Duration.ofSeconds(2));
        transport.shutdown();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    }

    @Test
    void an_unknown_path_is_a_404_in_the_protocol_of_its_neighbourhood() throws Exception {
        HttpResponse<String> anthropic = send(get("/v1/nothing"));
        HttpResponse<String> openai = send(get("/v1/chat/completions/x"));
        HttpResponse<String> admin = send(get("/api/nothing"));

        assertThat(anthropic.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(anthropic.body()).path("error").path("type").asString())
                .isEqualTo("not_found_error");
        assertThat(JSON.readTree(openai.body()).path("error").has("param")).isTrue();
        assertThat(JSON.readTree(admin.body()).path("error").isString()).isTrue();
    }

    @Test
    void a_wrong_method_is_a_405_with_allow() throws Exception {
        HttpResponse<String> response = send(get("/v1/messages"));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("POST");
    }

    @Test
    void a_handler_failure_is_a_500_in_the_route_protocol_without_internals() throws Exception {
        HttpResponse<String> response = send(get("/boom"));

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("type").asString()).isEqualTo("server_error");
        assertThat(error.path("message").asString()).doesNotContain("kaput");
    }

    @Test
    void every_response_carries_a_request_id() throws Exception {
        assertThat(send(get("/v1/nothing")).headers().firstValue("request-id"))
                .hasValueSatisfying(id -> assertThat(id).startsWith("req_").hasSize(28));
    }

    @Test
    void a_body_over_32_mib_is_refused_with_413_in_the_route_protocol() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + (33L * 1024 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 413");
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertThat(JSON.readTree(body).path("error").path("message").asString())
                    .contains("32 MiB");
        }
    }

    @Test
    void a_body_just_under_the_limit_is_accepted() throws Exception {
        byte[] body = new byte[32 * 1024 * 1024 - 1024];
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/v1/messages"))
                .header("x-api-key", PASSWORDS.api())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(501);
    }

    @Test
    void a_preflight_to_an_llm_route_allows_the_sdk_headers() throws Exception {
        HttpResponse<String> response = send(get("/v1/messages")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .header(
                        "Access-Control-Request-Headers",
                        "x-api-key, anthropic-version, anthropic-beta, content-type, x-goog-api-key, x-evil"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("*");
        String allowed =
                response.headers().firstValue("access-control-allow-headers").orElseThrow();
        assertThat(allowed).contains("x-api-key", "anthropic-version", "anthropic-beta", "x-goog-api-key");
        assertThat(allowed).doesNotContain("x-evil");
    }

    @Test
    void a_preflight_to_the_admin_api_is_refused() throws Exception {
        HttpResponse<String> response = send(get("/api/ping")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://elsewhere.example")
                .header("Access-Control-Request-Method", "GET"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void a_cross_origin_admin_call_is_refused_even_with_the_password() throws Exception {
        HttpResponse<String> response = send(get("/api/ping")
                .header("Origin", "http://elsewhere.example")
                .header("Authorization", "Bearer " + PASSWORDS.admin()));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void a_same_origin_admin_call_is_served() throws Exception {
        HttpResponse<String> response = send(get("/api/ping")
                .header("Origin", "http://127.0.0.1:" + base.getPort())
                .header("Authorization", "Bearer " + PASSWORDS.admin()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("pong");
    }

    @Test
    void llm_answers_carry_cors_headers_for_browsers() throws Exception {
        HttpResponse<String> response = send(get("/v1/models")
                .header("Origin", "http://elsewhere.example")
                .header("Authorization", "Bearer " + PASSWORDS.api()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("*");
    }

    @Test
    void a_stream_delivers_every_event_and_ends() throws Exception {
        HttpResponse<String> response = send(get("/stream"));

        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.body()).isEqualTo("event: n\ndata: 0\n\nevent: n\ndata: 1\n\nevent: n\ndata: 2\n\n");
    }

    @Test
    void the_model_list_has_each_model_and_its_thinking_variant() throws Exception {
        HttpResponse<String> response = send(get("/v1/models").header("Authorization", "Bearer " + PASSWORDS.api()));

        JsonNode list = JSON.readTree(response.body());
        assertThat(list.path("object").asString()).isEqualTo("list");
        assertThat(list.path("data").findValuesAsString("id")).containsExactly("claude-x", "claude-x-thinking");
    }

    @Test
    void stop_waits_for_a_request_in_flight() throws Exception {
        Transport t = Transport.create(1);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer s = HttpServer.create(
                t,
                Router.of(
                        List.of(Route.of("GET", "/wait", Protocol.ANTHROPIC, AuthRule.NONE, (req, ex) -> {
                            entered.countDown();
                            release.await(5, TimeUnit.SECONDS);
                            ex.text(200, "finished");
                        })),
                        null),
                () -> PASSWORDS);
        int port = s.start("127.0.0.1", 0).getPort();
        var pending = CLIENT.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/wait"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        Thread stopper = Thread.ofVirtual().start(() -> s.stop(Duration.ofSeconds(5)));
        Thread.sleep(200);
        assertThat(stopper.isAlive())
                .as("stop waits while a request is in flight")
                .isTrue();
        release.countDown();
        stopper.join(5000);

        assertThat(pending.get(5, TimeUnit.SECONDS).body()).isEqualTo("finished");
        assertThat(stopper.isAlive()).isFalse();
        t.shutdown();
    }
}
