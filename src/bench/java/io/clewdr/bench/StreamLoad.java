package io.clewdr.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code concurrency} paced streams held at once on one target: slot {@code i} opens its first
 * stream at {@code start + i·ramp/concurrency} (so the mock's send times spread over the interval),
 * then opens the next stream on the same connection as soon as one ends, until the hold time is
 * over. Each stream is checked by a {@link StreamProbe}.
 */
final class StreamLoad {
    private final LoadClient client;
    private final Target target;
    private final byte[] body;
    private final Pace pace;
    private final long lateNanos;
    private final ConnPool pool;
    private final StreamStats stats = new StreamStats();
    private final CompletableFuture<StreamStats> result = new CompletableFuture<>();
    private final long start;
    private final long stopOpening;
    private int slotsLeft;

    private StreamLoad(
            LoadClient client, Target target, int concurrency, long rampNanos, long holdNanos, Pace pace, long late) {
        this.client = client;
        this.target = target;
        this.body = target.streamBody(pace);
        this.pace = pace;
        this.lateNanos = late;
        this.pool = client.pool(target, concurrency);
        this.start = System.nanoTime() + 10_000_000L;
        this.stopOpening = start + rampNanos + holdNanos;
        this.slotsLeft = concurrency;
    }

    /** Runs the load; completes when every slot has finished its last stream. */
    static CompletableFuture<StreamStats> run(
            LoadClient client,
            Target target,
            int concurrency,
            long rampNanos,
            long holdNanos,
            Pace pace,
            long lateNanos) {
        StreamLoad load = new StreamLoad(client, target, concurrency, rampNanos, holdNanos, pace, lateNanos);
        client.loop().execute(() -> load.begin(concurrency, rampNanos));
        return load.result;
    }

    private void begin(int concurrency, long rampNanos) {
        for (int i = 0; i < concurrency; i++) {
            long at = start + rampNanos * i / concurrency;
            client.loop().schedule(() -> open(at), Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        long streamNanos = pace.offsetNanos(pace.deltas()) + 1_000_000_000L;
        long deadline = stopOpening + streamNanos + 10_000_000_000L;
        client.loop().schedule(this::cutAll, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private void open(long intended) {
        pool.acquire(
                conn -> conn.post(
                        target.path(),
                        target.headers(),
                        body,
                        new StreamProbe(intended, pace.deltas(), lateNanos, target.openAi(), stats, this::ended)),
                why -> {
                    stats.failed(why);
                    slotDone();
                });
    }

    private void ended() {
        long now = System.nanoTime();
        if (now < stopOpening) {
            open(now);
        } else {
            slotDone();
        }
    }

    private void slotDone() {
        if (--slotsLeft == 0 && !result.isDone()) {
            pool.closeAll();
            result.complete(stats);
        }
    }

    private void cutAll() {
        if (!result.isDone()) {
            stats.failed("cut at deadline");
            pool.closeAll();
            // closeAll ends every open stream through its probe; complete even if some never opened.
            client.loop().schedule(() -> result.complete(stats), 1, TimeUnit.SECONDS);
        }
    }
}
