package io.clewdr.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which thread carries a request's handler: the connection's event loop for LLM routes with small
 * bodies, the JDK's shared carriers for the admin API and large bodies; and a handler carried by the
 * loop that waits for the loop's own work does not stall it.
 */
class LoopThreadsTest {
    private static final Passwords PASSWORDS = new Passwords("api-secret-123", "admin-secret-456");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static Transport transport;
    private static EventLoop loop;
    private static HttpServer server;
    private static URI base;

    @BeforeAll
    static void start() {
        transport = Transport.create(1);
        loop = transport.group().next();
        Handler carrier = (request, exchange) -> exchange.text(200, carriedByLoop() ? "loop" : "pool");
        Handler waiter = (request, exchange) -> {
            CompletableFuture<String> done = new CompletableFuture<>();
            loop.schedule(() -> done.complete("answered by the loop"), 20, TimeUnit.MILLISECONDS);
            exchange.text(200, done.get(5, TimeUnit.SECONDS));
        };
        List<Route> routes = List.of(
                Route.of("POST", "/v1/carrier", Protocol.ANTHROPIC, AuthRule.NONE, carrier),
                Route.of("POST", "/v1/waiter", Protocol.ANTHROPIC, AuthRule.NONE, waiter),
                Route.of("POST", "/v1/roomy", Protocol.ANTHROPIC, AuthRule.NONE, carrier)
                        .withLoopBodyLimit(4 * Route.LOOP_BODY_LIMIT),
                Route.of("POST", "/api/carrier", Protocol.ADMIN, AuthRule.ADMIN, carrier));
        server = HttpServer.create(transport, Router.of(routes, null), () -> PASSWORDS);
        InetSocketAddress address = server.start("127.0.0.1", 0);
        base = URI.create("http://127.0.0.1:" + address.getPort());
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(2));
        transport.shutdown();
    }

    /**
     * Whether the calling handler occupies the event loop: a task given to the loop cannot run while
     * the handler keeps running (without parking) on it, and runs at once when the loop is free.
     */
    private static boolean carriedByLoop() {
        AtomicBoolean ran = new AtomicBoolean();
        loop.execute(() -> ran.set(true));
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        return !ran.get();
    }

    private static String post(String path, int bodyBytes) throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "Bearer " + PASSWORDS.admin())
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[bodyBytes]))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void this_jvm_lets_virtual_threads_run_on_an_event_loop() {
        assertThat(LoopThreads.available()).isTrue();
    }

    @Test
    void an_llm_request_with_a_small_body_is_handled_on_its_event_loop() throws Exception {
        assertThat(post("/v1/carrier", 1024)).isEqualTo("loop");
        assertThat(post("/v1/carrier", Route.LOOP_BODY_LIMIT)).isEqualTo("loop");
    }

    @Test
    void an_llm_request_with_a_large_body_is_handled_on_the_shared_carriers() throws Exception {
        assertThat(post("/v1/carrier", Route.LOOP_BODY_LIMIT + 1)).isEqualTo("pool");
    }

    @Test
    void a_route_with_a_larger_limit_keeps_larger_bodies_on_the_loop_up_to_that_limit() throws Exception {
        assertThat(post("/v1/roomy", Route.LOOP_BODY_LIMIT + 1)).isEqualTo("loop");
        assertThat(post("/v1/roomy", 4 * Route.LOOP_BODY_LIMIT)).isEqualTo("loop");
        assertThat(post("/v1/roomy", 4 * Route.LOOP_BODY_LIMIT + 1)).isEqualTo("pool");
    }

    @Test
    void an_admin_request_is_handled_on_the_shared_carriers() throws Exception {
        assertThat(post("/api/carrier", 10)).isEqualTo("pool");
    }

    @Test
    void a_handler_waiting_on_the_loop_lets_the_loop_run() throws Exception {
        assertThat(post("/v1/waiter", 10)).isEqualTo("answered by the loop");
    }

    @Test
    void a_handler_woken_after_its_loop_stopped_still_finishes() throws Exception {
        Transport own = Transport.create(1);
        EventLoop ownLoop = own.group().next();
        CompletableFuture<String> wake = new CompletableFuture<>();
        CompletableFuture<String> finished = new CompletableFuture<>();
        LoopThreads.on(ownLoop).execute(() -> {
            try {
                finished.complete("finished after " + wake.get(5, TimeUnit.SECONDS));
            } catch (Exception e) {
                finished.completeExceptionally(e);
            }
        });
        Thread.sleep(100); // parked on the future by now
        own.shutdown();

        wake.complete("the loop stopped");

        assertThat(finished.get(5, TimeUnit.SECONDS)).isEqualTo("finished after the loop stopped");
    }
}
