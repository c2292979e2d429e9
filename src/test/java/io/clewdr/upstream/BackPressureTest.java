package io.clewdr.upstream;

import static io.clewdr.upstream.Loopback.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A paused reader stops the upstream itself, not just delivery: the server cannot send ahead. */
class BackPressureTest {

    private final Loopback loop = new Loopback();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        loop.close();
    }

    /** Counts body bytes and pauses after the first chunk. */
    private static final class PausingCounter implements BodySubscriber {
        final AtomicLong received = new AtomicLong();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicReference<UpstreamResponse> response = new AtomicReference<>();

        @Override
        public void onChunk(ByteBuf chunk) {
            boolean first = received.get() == 0;
            received.addAndGet(chunk.readableBytes());
            chunk.release();
            if (first) {
                response.get().pause();
            }
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }
    }

    private void pausedUpstreamStops(long total, long bound) throws Exception {
        var response = get(loop.client.send(UpstreamRequest.of("GET", server.uri("/flood"))));
        var counter = new PausingCounter();
        counter.response.set(response);
        response.body(counter);

        await().atMost(Duration.ofSeconds(5)).until(() -> counter.received.get() > 0);
        var lastSent = new AtomicLong(-1);
        // The server's count settles while we are paused, well short of the whole body.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> lastSent.getAndSet(sent.get()) == sent.get());
        assertThat(sent.get()).isLessThan(bound);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> sent.get() == lastSent.get());

        response.resume();
        get(counter.done);
        assertThat(counter.received.get()).isEqualTo(total);
        // Read from this thread, the server loop's count has been seen trailing the bytes already received.
        await().atMost(Duration.ofSeconds(2)).until(() -> sent.get() == total);
    }

    private final AtomicLong sent = new AtomicLong();

    @Test
    void pausing_an_http1_body_stops_reading_the_socket() throws Exception {
        long total = 64L << 20;
        server = TestServer.plain(loop.group, (r, ctx) -> TestServer.flood(ctx, total, sent));
        // Socket buffers on both sides absorb some megabytes; the rest must wait for resume().
        pausedUpstreamStops(total, 32L << 20);
    }

    @Test
    void pausing_an_http2_body_withholds_flow_control_credit() throws Exception {
        long total = 16L << 20;
        server =
                TestServer.tls(loop.group, TestCertificates.serverH2(), (r, ctx) -> TestServer.flood(ctx, total, sent));
        // The stream window is 1 MiB (ClientProfile.standard()); allow for the server's own buffer.
        pausedUpstreamStops(total, 3L << 20);
    }
}
