package io.clewdr.bench;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's one event-loop thread and what runs on it: sequential (c=1) requests and
 * the start-up probe here, open-loop load in {@link OpenLoop}, streams in {@link StreamLoad}. All
 * state lives on that thread, so nothing is locked; callers wait on the returned futures.
 */
final class LoadClient implements AutoCloseable {
    private final NettyTransport transport = NettyTransport.best();
    private final EventLoopGroup group = transport.group(1);
    private final EventLoop loop = group.next();

    EventLoop loop() {
        return loop;
    }

    ConnPool pool(Target target, int max) {
        return new ConnPool(loop, transport, target.port(), max);
    }

    /** {@code count} non-streaming requests one after another on one connection. */
    CompletableFuture<Outcomes> serial(Target target, int count) {
        CompletableFuture<Outcomes> result = new CompletableFuture<>();
        loop.execute(() -> new Serial(target, count, result).next());
        return result;
    }

    private final class Serial {
        private final Target target;
        private final byte[] body;
        private final ConnPool pool;
        private final Outcomes outcomes = new Outcomes();
        private final CompletableFuture<Outcomes> result;
        private int left;

        Serial(Target target, int count, CompletableFuture<Outcomes> result) {
            this.target = target;
            this.body = target.jsonBody();
            this.pool = pool(target, 1);
            this.left = count;
            this.result = result;
        }

        void next() {
            if (left-- == 0) {
                pool.closeAll();
                result.complete(outcomes);
                return;
            }
            long start = System.nanoTime();
            pool.acquire(
                    conn -> conn.post(
                            target.path(), target.headers(), body, new JsonProbe(start, outcomes, this::next)),
                    why -> {
                        outcomes.failed(why);
                        loop.schedule(this::next, 10, TimeUnit.MILLISECONDS);
                    });
        }
    }

    /**
     * Polls {@code target} with a real request from {@code since} (a {@code System.nanoTime()}) until it
     * answers 200 or {@code timeoutNanos} pass; completes with the nanoseconds from {@code since}, or -1.
     */
    CompletableFuture<Long> firstAnswer(Target target, long since, long timeoutNanos) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        loop.execute(() -> new Poll(target, since, timeoutNanos, result).attempt());
        return result;
    }

    private final class Poll {
        private final Target target;
        private final long since;
        private final long timeoutNanos;
        private final CompletableFuture<Long> result;

        Poll(Target target, long since, long timeoutNanos, CompletableFuture<Long> result) {
            this.target = target;
            this.since = since;
            this.timeoutNanos = timeoutNanos;
            this.result = result;
        }

        void attempt() {
            if (System.nanoTime() - since > timeoutNanos) {
                result.complete(-1L);
                return;
            }
            ConnPool pool = pool(target, 1);
            Outcomes outcomes = new Outcomes();
            pool.acquire(
                    conn -> conn.post(
                            target.path(), target.headers(), target.jsonBody(), new JsonProbe(since, outcomes, () -> {
                                pool.closeAll();
                                if (outcomes.failureCount() == 0) {
                                    result.complete(System.nanoTime() - since);
                                } else {
                                    retry();
                                }
                            })),
                    why -> retry());
        }

        private void retry() {
            loop.schedule(this::attempt, 2, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
