package io.clewdr.upstream;

import static io.clewdr.upstream.Loopback.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class UpstreamClientTlsTest {

    private final Loopback loop = new Loopback();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        loop.close();
    }

    private TestServer start(TestServer.Script script) {
        server = TestServer.tls(loop.group, TestCertificates.serverH2(), script);
        return server;
    }

    @Test
    void alpn_negotiates_http2_with_a_server_that_offers_it() throws Exception {
        start((r, ctx) -> TestServer.respond(ctx, 200, "over " + r.protocol(), "x-reply", "yes"));
        var request = UpstreamRequest.of("POST", server.uri("/v1/messages"))
                .withHeader("X-Api-Key", "k")
                .withHeader("content-type", "application/json")
                .withBody("{}".getBytes(StandardCharsets.UTF_8));

        var response = get(loop.client.send(request));

        assertThat(response.protocol()).isEqualTo(HttpProtocol.HTTP_2);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("x-reply")).isEqualTo("yes");
        assertThat(get(response.aggregate(100))).asString().isEqualTo("over h2");
        var received = server.received.getFirst();
        assertThat(received.protocol()).isEqualTo("h2");
        assertThat(received.bodyText()).isEqualTo("{}");
        assertThat(received.headers().stream().map(Header::name).toList())
                .containsSubsequence("accept-encoding", "x-api-key", "content-type");
    }

    @Test
    void a_server_offering_only_http1_gets_http1_over_tls() throws Exception {
        server = TestServer.tls(
                loop.group,
                TestCertificates.server(List.of("http/1.1")),
                (r, ctx) -> TestServer.respond(ctx, 200, "over " + r.protocol()));

        var response = get(loop.client.send(UpstreamRequest.of("GET", server.uri("/"))));

        assertThat(response.protocol()).isEqualTo(HttpProtocol.HTTP_1_1);
        assertThat(get(response.aggregate(100))).asString().isEqualTo("over HTTP/1.1");
    }

    @Test
    void concurrent_http2_requests_multiplex_on_one_connection() throws Exception {
        start((r, ctx) -> TestServer.respond(ctx, 200, "ok " + r.uri()));
        get(get(loop.client.send(UpstreamRequest.of("GET", server.uri("/warm"))))
                .aggregate(100));

        List<CompletableFuture<byte[]>> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bodies.add(loop.client
                    .send(UpstreamRequest.of("GET", server.uri("/" + i)))
                    .thenCompose(r -> r.aggregate(100)));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(get(bodies.get(i))).asString().isEqualTo("ok /" + i);
        }

        assertThat(server.connectionsOpened).hasValue(1);
    }

    @Test
    void an_http2_stream_arrives_chunk_by_chunk_and_honours_pause() throws Exception {
        start((r, ctx) -> TestServer.sse(ctx, 6, Duration.ofMillis(30)));
        var responseRef = new AtomicReference<UpstreamResponse>();
        var body = new Recording(rec -> {
            if (rec.chunks.size() == 2) {
                responseRef.get().pause();
            }
        });
        var response = get(loop.client.send(UpstreamRequest.of("GET", server.uri("/stream"))));
        assertThat(response.protocol()).isEqualTo(HttpProtocol.HTTP_2);
        responseRef.set(response);
        response.body(body);

        await().atMost(Duration.ofSeconds(5)).until(() -> body.chunks.size() == 2);
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> body.chunks.size() == 2);
        response.resume();

        get(body.done);
        assertThat(body.text()).isEqualTo("data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4\n\ndata: 5\n\n");
    }

    @Test
    void an_http2_response_can_be_prefetched_whole_and_the_connection_serves_the_next() throws Exception {
        start((r, ctx) -> TestServer.sse(ctx, 4, Duration.ofMillis(60)));
        var request = UpstreamRequest.of("GET", server.uri("/whole")).withPrefetchedBody(1024);

        for (int i = 0; i < 2; i++) {
            var response = get(loop.client.send(request));
            assertThat(response.protocol()).isEqualTo(HttpProtocol.HTTP_2);
            CompletableFuture<byte[]> body = response.aggregate(1024);
            assertThat(body).isDone();
            assertThat(get(body)).asString().isEqualTo("data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\n");
        }
        assertThat(server.connectionsOpened).hasValue(1);
    }

    @Test
    void cancel_resets_the_http2_stream_and_keeps_the_connection() throws Exception {
        start((r, ctx) -> TestServer.sse(ctx, -1, Duration.ofMillis(20)));
        var body = new Recording();
        var response = get(loop.client.send(UpstreamRequest.of("GET", server.uri("/forever"))));
        response.body(body);
        await().atMost(Duration.ofSeconds(5)).until(() -> !body.chunks.isEmpty());

        response.cancel();

        await().atMost(Duration.ofSeconds(5)).until(() -> server.streamsClosed.get() == 1);
        assertThat(server.connectionsClosed).hasValue(0);
        assertThat(body.done).isNotDone();
    }

    @Test
    void gzip_bodies_are_decoded_on_http2_too() throws Exception {
        String text = "bonjour ".repeat(300);
        start((r, ctx) -> TestServer.respondGzip(ctx, text));

        var response = get(loop.client.send(UpstreamRequest.of("GET", server.uri("/gz"))));

        assertThat(response.protocol()).isEqualTo(HttpProtocol.HTTP_2);
        assertThat(get(response.aggregate(10_000))).asString().isEqualTo(text);
        assertThat(response.headers().contains("content-encoding")).isFalse();
        assertThat(response.headers().contains("content-length")).isFalse();
    }

    @Test
    void a_silent_http2_stream_is_a_first_byte_timeout() {
        start((r, ctx) -> {});
        var request = UpstreamRequest.of("GET", server.uri("/silent"))
                .withTimeouts(Timeouts.of(null, Duration.ofMillis(300), null));

        assertThatThrownBy(() -> get(loop.client.send(request)))
                .isInstanceOfSatisfying(
                        UpstreamTimeoutException.class,
                        e -> assertThat(e.kind()).isEqualTo(UpstreamTimeoutException.Kind.FIRST_BYTE));
    }

    @Test
    void a_certificate_from_an_untrusted_ca_fails_the_handshake() {
        start((r, ctx) -> TestServer.respond(ctx, 200, "never"));
        loop.settings.set(loop.settings.get().withTrust(null)); // system trust: the test CA is unknown

        assertThatThrownBy(() -> get(loop.client.send(UpstreamRequest.of("GET", server.uri("/")))))
                .isInstanceOf(UpstreamConnectException.class)
                .hasMessageContaining("TLS handshake");
    }

    @Test
    void a_certificate_for_another_host_name_fails_the_handshake() {
        start((r, ctx) -> TestServer.respond(ctx, 200, "never"));
        // The certificate names localhost and 127.0.0.1, not 127.0.0.2.
        var request = UpstreamRequest.of("GET", java.net.URI.create("https://127.0.0.2:" + server.port() + "/"));

        assertThatThrownBy(() -> get(loop.client.send(request))).isInstanceOf(UpstreamConnectException.class);
    }

    @Test
    void the_client_runs_on_an_epoll_group_too() throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable(), "native epoll is not available here");
        start((r, ctx) -> TestServer.respond(ctx, 200, "epoll"));
        var epoll = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try (var client = UpstreamClient.create(epoll, loop.settings::get)) {
            var response = get(client.send(UpstreamRequest.of("GET", server.uri("/"))));
            assertThat(get(response.aggregate(100))).asString().isEqualTo("epoll");
        } finally {
            epoll.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS)
                    .syncUninterruptibly();
        }
    }
}
