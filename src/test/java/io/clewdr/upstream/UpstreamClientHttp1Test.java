package io.clewdr.upstream;

import static io.clewdr.upstream.Loopback.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.lang.ref.WeakReference;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamClientHttp1Test {

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
        server = TestServer.plain(loop.group, script);
        return server;
    }

    @Test
    void a_post_arrives_with_its_body_and_headers_in_order_and_case() throws Exception {
        start((r, ctx) -> TestServer.respond(ctx, 201, "created", "X-Reply", "yes"));
        var request = UpstreamRequest.of("POST", server.uri("/v1/messages?beta=true"))
                .withHeader("X-Zeta", "1")
                .withHeader("content-type", "application/json")
                .withHeader("X-Alpha", "2")
                .withBody("{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        var response = get(loop.client.send(request));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.protocol()).isEqualTo(HttpProtocol.HTTP_1_1);
        assertThat(response.headers().get("x-reply")).isEqualTo("yes");
        assertThat(new String(get(response.aggregate(1024)), StandardCharsets.UTF_8))
                .isEqualTo("created");
        var received = server.received.getFirst();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.uri()).isEqualTo("/v1/messages?beta=true");
        assertThat(received.bodyText()).isEqualTo("{\"a\":1}");
        assertThat(received.headers().stream().map(Header::name).toList())
                .containsSubsequence("accept-encoding", "X-Zeta", "content-type", "X-Alpha")
                .contains("Host", "Content-Length");
        assertThat(received.headers()).contains(Header.of("Host", "127.0.0.1:" + server.port()));
    }

    @Test
    void a_request_header_replaces_a_profile_default_in_place() throws Exception {
        start((r, ctx) -> TestServer.respond(ctx, 200, "ok"));
        var request = UpstreamRequest.of("GET", server.uri("/"))
                .withHeader("X-First", "1")
                .withHeader("Accept-Encoding", "identity");

        get(get(loop.client.send(request)).aggregate(100));

        var names =
                server.received.getFirst().headers().stream().map(Header::name).toList();
        assertThat(names).containsSubsequence("Host", "Accept-Encoding", "X-First");
        assertThat(server.received.getFirst().headers()).contains(Header.of("Accept-Encoding", "identity"));
    }

    @Test
    void two_sequential_requests_share_one_keep_alive_connection() throws Exception {
        start((r, ctx) -> TestServer.respond(ctx, 200, "ok " + r.uri()));

        var first = get(loop.client.send(UpstreamRequest.of("GET", server.uri("/one"))));
        assertThat(get(first.aggregate(100))).asString().isEqualTo("ok /one");
        var second = get(loop.client.send(UpstreamRequest.of("GET", server.uri("/two"))));
        assertThat(get(second.aggregate(100))).asString().isEqualTo("ok /two");

        assertThat(server.connectionsOpened).hasValue(1);
        assertThat(server.received)
                .extracting(TestServer.Received::connectionId)
                .containsOnly(server.received.getFirst().connectionId());
    }

    @Test
    void an_idle_connection_is_closed_after_the_pool_idle_timeout_counted_from_its_last_use() throws Exception {
        loop.settings.set(loop.settings.get().withPool(512, Duration.ofMillis(400)));
        start((r, ctx) -> TestServer.respond(ctx, 200, "ok"));

        get(get(loop.client.send(UpstreamRequest.of("GET", server.uri("/a")))).aggregate(100));
        Thread.sleep(250); // within the timeout: the second request reuses the connection
        get(get(loop.client.send(UpstreamRequest.of("GET", server.uri("/b")))).aggregate(100));

        // The timer set at the first release fires while the connection has been idle for less than
        // the timeout; it must check again later rather than forget the connection.
        await().atMost(Duration.ofSeconds(5)).untilAtomic(server.connectionsClosed, org.hamcrest.Matchers.is(1));
        assertThat(server.connectionsOpened).hasValue(1);
    }

    @Test
    void a_burst_of_parallel_requests_leaves_its_connections_to_the_next_burst() throws Exception {
        int parallel = 32;
        // The server answers only once the whole burst is in, so every request needs its own connection.
        // The server's two event loops run this script, so the count and the release happen under one lock.
        List<ChannelHandlerContext> held = new ArrayList<>();
        start((r, ctx) -> {
            synchronized (held) {
                held.add(ctx);
                if (held.size() == parallel) {
                    held.forEach(c -> TestServer.respond(c, 200, "ok"));
                    held.clear();
                }
            }
        });

        for (int burst = 0; burst < 2; burst++) {
            List<CompletableFuture<UpstreamResponse>> sent = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                sent.add(loop.client.send(UpstreamRequest.of("GET", server.uri("/" + i))));
            }
            for (var response : sent) {
                assertThat(get(get(response).aggregate(100))).asString().isEqualTo("ok");
            }
        }

        assertThat(server.connectionsOpened).hasValue(parallel);
    }

    @Test
    void a_connection_resting_in_the_pool_does_not_keep_its_last_request_reachable() throws Exception {
        start((r, ctx) -> TestServer.sse(ctx, 3, Duration.ofMillis(1)));
        // A pooled connection can rest for a minute: if it held its last exchange, it would hold the
        // subscriber and through it the client's side of that request (streams, buffers).
        WeakReference<Recording> subscriber = streamOnce("/first");

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return subscriber.get() == null;
        });
        streamOnce("/second");
        assertThat(server.connectionsOpened).hasValue(1);
    }

    private WeakReference<Recording> streamOnce(String path) throws Exception {
        var body = new Recording();
        get(loop.client.send(UpstreamRequest.of("GET", server.uri(path)))).body(body);
        get(body.done);
        return new WeakReference<>(body);
    }

    @Test
    void a_prefetched_response_is_handed_over_with_its_whole_body_already_read() throws Exception {
        start((r, ctx) -> TestServer.sse(ctx, 4, Duration.ofMillis(60)));
        var request = UpstreamRequest.of("GET", server.uri("/whole")).withPrefetchedBody(1024);

        var response = get(loop.client.send(request));
        CompletableFuture<byte[]> body = response.aggregate(1024);

        assertThat(body).isDone();
        assertThat(get(body)).asString().isEqualTo("data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\n");
        var again = get(loop.client.send(request));
        var recording = new Recording();
        again.body(recording);
        get(recording.done);
        assertThat(recording.text()).startsWith("data: 0").endsWith("data: 3\n\n");
        assertThat(server.connectionsOpened).hasValue(1);
    }

    @Test
    void the_arrival_hook_sees_the_whole_body_on_the_event_loop_before_the_caller_is_answered() throws Exception {
        start((r, ctx) -> TestServer.sse(ctx, 3, Duration.ofMillis(40)));
        var seen = new CompletableFuture<String>();
        var calls = new AtomicInteger();
        var holder = new AtomicReference<CompletableFuture<UpstreamResponse>>();
        var request = UpstreamRequest.of("GET", server.uri("/hook")).withPrefetchedBody(1024, response -> {
            calls.incrementAndGet();
            boolean onLoop = Thread.currentThread() instanceof FastThreadLocalThread;
            CompletableFuture<UpstreamResponse> caller = holder.get();
            String body = new String(response.aggregate(1024).join(), StandardCharsets.UTF_8);
            seen.complete(onLoop + " " + (caller != null && caller.isDone()) + " " + body);
        });

        CompletableFuture<UpstreamResponse> future = loop.client.send(request);
        holder.set(future);
        var response = get(future);

        assertThat(get(seen)).isEqualTo("true false data: 0\n\ndata: 1\n\ndata: 2\n\n");
        assertThat(get(response.aggregate(1024)))
                .as("the caller reads the same bytes after the hook")
                .asString()
                .isEqualTo("data: 0\n\ndata: 1\n\ndata: 2\n\n");
        assertThat(calls).hasValue(1);
    }

    @Test
    void the_arrival_hook_is_not_called_for_a_body_that_did_not_arrive_whole() throws Exception {
        start((r, ctx) -> TestServer.respond(ctx, 200, "x".repeat(2000)));
        var calls = new AtomicInteger();

        var over = get(loop.client.send(
                UpstreamRequest.of("GET", server.uri("/big")).withPrefetchedBody(1000, r -> calls.incrementAndGet())));

        assertThatThrownBy(() -> get(over.aggregate(4000))).isInstanceOf(BodyTooLargeException.class);
        assertThat(calls).hasValue(0);
    }

    @Test
    void a_prefetched_body_above_either_limit_fails_as_too_large_when_read() throws Exception {
        start((r, ctx) -> TestServer.respond(ctx, 200, "x".repeat(2000)));

        var over = get(
                loop.client.send(UpstreamRequest.of("GET", server.uri("/big")).withPrefetchedBody(1000)));
        assertThat(over.status()).isEqualTo(200);
        assertThatThrownBy(() -> get(over.aggregate(4000))).isInstanceOf(BodyTooLargeException.class);

        var within = get(
                loop.client.send(UpstreamRequest.of("GET", server.uri("/big")).withPrefetchedBody(4000)));
        assertThatThrownBy(() -> get(within.aggregate(1000))).isInstanceOf(BodyTooLargeException.class);
    }

    @Test
    void a_response_with_connection_close_is_not_reused() throws Exception {
        start((r, ctx) -> TestServer.respond(ctx, 200, "bye", "connection", "close"));

        get(get(loop.client.send(UpstreamRequest.of("GET", server.uri("/a")))).aggregate(100));
        get(get(loop.client.send(UpstreamRequest.of("GET", server.uri("/b")))).aggregate(100));

        assertThat(server.connectionsOpened).hasValue(2);
    }

    @Test
    void a_streamed_body_arrives_chunk_by_chunk_before_the_response_ends() throws Exception {
        start((r, ctx) -> TestServer.sse(ctx, 5, Duration.ofMillis(100)));
        var body = new Recording();

        var response = get(loop.client.send(UpstreamRequest.of("GET", server.uri("/stream"))));
        response.body(body);

        await().atMost(Duration.ofSeconds(5)).until(() -> body.chunks.size() >= 2);
        assertThat(body.done).isNotDone();
        get(body.done);
        assertThat(body.chunks).hasSize(5);
        assertThat(body.text()).isEqualTo("data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4\n\n");
    }

    @Test
    void pause_stops_delivery_and_resume_restarts_it() throws Exception {
        start((r, ctx) -> TestServer.sse(ctx, 6, Duration.ofMillis(30)));
        var responseRef = new AtomicReference<UpstreamResponse>();
        var body = new Recording(rec -> {
            if (rec.chunks.size() == 2) {
                responseRef.get().pause();
            }
        });
        var response = get(loop.client.send(UpstreamRequest.of("GET", server.uri("/stream"))));
        responseRef.set(response);
        response.body(body);

        await().atMost(Duration.ofSeconds(5)).until(() -> body.chunks.size() == 2);
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> body.chunks.size() == 2);
        response.resume();

        get(body.done);
        assertThat(body.text()).isEqualTo("data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4\n\ndata: 5\n\n");
    }

    @Test
    void cancel_closes_the_server_side_connection_without_draining() throws Exception {
        start((r, ctx) -> TestServer.sse(ctx, -1, Duration.ofMillis(20)));
        var body = new Recording();
        var response = get(loop.client.send(UpstreamRequest.of("GET", server.uri("/forever"))));
        response.body(body);
        await().atMost(Duration.ofSeconds(5)).until(() -> !body.chunks.isEmpty());

        response.cancel();

        await().atMost(Duration.ofSeconds(5)).untilAtomic(server.connectionsClosed, org.hamcrest.Matchers.is(1));
        assertThat(body.done).isNotDone();
    }

    @Test
    void gzip_bodies_are_decoded_and_the_encoding_headers_removed() throws Exception {
        String text = "hello ".repeat(200);
        start((r, ctx) -> TestServer.respondGzip(ctx, text));

        var response = get(loop.client.send(UpstreamRequest.of("GET", server.uri("/gz"))));

        assertThat(get(response.aggregate(10_000))).asString().isEqualTo(text);
        assertThat(response.headers().contains("content-encoding")).isFalse();
        assertThat(response.headers().contains("content-length")).isFalse();
        assertThat(server.received.getFirst().headers()).contains(Header.of("accept-encoding", "gzip, deflate"));
    }

    @Test
    void aggregate_fails_clearly_above_its_limit() throws Exception {
        start((r, ctx) -> TestServer.respond(ctx, 200, "x".repeat(5000)));

        var response = get(loop.client.send(UpstreamRequest.of("GET", server.uri("/big"))));

        assertThatThrownBy(() -> get(response.aggregate(1000)))
                .isInstanceOf(BodyTooLargeException.class)
                .hasMessageContaining("1000 bytes");
    }

    @Test
    void no_response_headers_in_time_is_a_first_byte_timeout() {
        start((r, ctx) -> {});
        var request = UpstreamRequest.of("GET", server.uri("/silent"))
                .withTimeouts(Timeouts.of(null, Duration.ofMillis(300), null));

        assertThatThrownBy(() -> get(loop.client.send(request)))
                .isInstanceOfSatisfying(
                        UpstreamTimeoutException.class,
                        e -> assertThat(e.kind()).isEqualTo(UpstreamTimeoutException.Kind.FIRST_BYTE));
    }

    @Test
    void a_body_that_stalls_is_an_idle_timeout() throws Exception {
        start((r, ctx) -> TestServer.headersThenStall(ctx));
        var request = UpstreamRequest.of("GET", server.uri("/stall"))
                .withTimeouts(Timeouts.of(null, null, Duration.ofMillis(300)));
        var body = new Recording();

        get(loop.client.send(request)).body(body);

        assertThatThrownBy(() -> get(body.done))
                .isInstanceOfSatisfying(
                        UpstreamTimeoutException.class,
                        e -> assertThat(e.kind()).isEqualTo(UpstreamTimeoutException.Kind.IDLE));
        assertThat(body.chunks).containsExactly("first");
    }

    @Test
    void a_paused_body_does_not_time_out_as_idle() throws Exception {
        start((r, ctx) -> TestServer.headersThenStall(ctx));
        var request = UpstreamRequest.of("GET", server.uri("/stall"))
                .withTimeouts(Timeouts.of(null, null, Duration.ofMillis(200)));
        var body = new Recording();
        var response = get(loop.client.send(request));
        response.pause();
        response.body(body);

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !body.done.isDone());
        response.resume();

        assertThatThrownBy(() -> get(body.done)).isInstanceOf(UpstreamTimeoutException.class);
    }

    @Test
    void a_handshake_that_never_completes_is_a_connect_timeout() throws Exception {
        // A TCP listener that never answers the TLS ClientHello: the connect deadline covers TLS.
        try (var silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            var request = UpstreamRequest.of("GET", URI.create("https://127.0.0.1:" + silent.getLocalPort() + "/"))
                    .withTimeouts(Timeouts.of(Duration.ofMillis(300), null, null));

            assertThatThrownBy(() -> get(loop.client.send(request)))
                    .isInstanceOfSatisfying(
                            UpstreamTimeoutException.class,
                            e -> assertThat(e.kind()).isEqualTo(UpstreamTimeoutException.Kind.CONNECT));
        }
    }

    @Test
    void a_refused_connection_is_a_connect_exception() throws Exception {
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var request = UpstreamRequest.of("GET", URI.create("http://127.0.0.1:" + port + "/"));

        assertThatThrownBy(() -> get(loop.client.send(request)))
                .isInstanceOf(UpstreamConnectException.class)
                .hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void a_server_that_closes_mid_body_fails_the_body() throws Exception {
        start((r, ctx) -> {
            TestServer.headersThenStall(ctx);
            ctx.executor().schedule(() -> ctx.channel().close(), 50, java.util.concurrent.TimeUnit.MILLISECONDS);
        });
        var body = new Recording();

        get(loop.client.send(UpstreamRequest.of("GET", server.uri("/cut")))).body(body);

        assertThatThrownBy(() -> get(body.done)).isInstanceOf(UpstreamProtocolException.class);
        assertThat(body.chunks).isEqualTo(List.of("first"));
    }

    @Test
    void a_get_is_retried_on_a_fresh_connection_when_a_kept_alive_one_was_closed_unanswered() throws Exception {
        var perConnection = new java.util.concurrent.ConcurrentHashMap<String, Integer>();
        start((r, ctx) -> {
            if (perConnection.merge(r.connectionId(), 1, Integer::sum) == 2) {
                ctx.close(); // the server dropped the kept-alive connection just as it was reused
            } else {
                TestServer.respond(ctx, 200, "ok " + r.uri());
            }
        });
        get(get(loop.client.send(UpstreamRequest.of("GET", server.uri("/one")))).aggregate(100));

        var second = get(loop.client.send(UpstreamRequest.of("GET", server.uri("/two"))));

        assertThat(get(second.aggregate(100))).asString().isEqualTo("ok /two");
        assertThat(server.connectionsOpened).hasValue(2);
    }

    @Test
    void a_post_is_not_retried_when_its_connection_closes_unanswered() throws Exception {
        var perConnection = new java.util.concurrent.ConcurrentHashMap<String, Integer>();
        start((r, ctx) -> {
            if (perConnection.merge(r.connectionId(), 1, Integer::sum) == 2) {
                ctx.close();
            } else {
                TestServer.respond(ctx, 200, "ok");
            }
        });
        get(get(loop.client.send(UpstreamRequest.of("GET", server.uri("/one")))).aggregate(100));
        var post = UpstreamRequest.of("POST", server.uri("/two")).withBody(new byte[] {1});

        assertThatThrownBy(() -> get(loop.client.send(post))).isInstanceOf(UpstreamProtocolException.class);
        assertThat(server.received).hasSize(2);
    }
}
