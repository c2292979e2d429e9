package io.clewdr.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Constant-rate (open-loop) load on one target: request {@code i} is due at {@code start + i/rate}
 * whatever happened to earlier ones, and its latency is measured from that intended time, so a
 * stalled proxy is charged for the requests it held up (no coordinated omission, as wrk2 does).
 * Requests due during the warm-up are sent but not recorded. The generator's own lateness (send
 * lag) is recorded so a saturated load core can be told apart from a slow proxy.
 */
final class OpenLoop {
    /** The result of one step. */
    record Step(Outcomes measured, long sent, long completed) {}

    private final LoadClient client;
    private final Target target;
    private final byte[] body;
    private final ConnPool pool;
    private final long start;
    private final double periodNanos;
    private final long total;
    private final long warmCount;
    private final Outcomes warm = new Outcomes();
    private final Outcomes measured = new Outcomes();
    private final CompletableFuture<Step> result = new CompletableFuture<>();
    private long issued;
    private long inFlight;
    private long completed;
    private boolean drained;

    private OpenLoop(
            LoadClient client,
            Target target,
            byte[] body,
            double rate,
            long warmNanos,
            long measureNanos,
            int maxConns) {
        this.client = client;
        this.target = target;
        this.body = body;
        this.pool = client.pool(target, maxConns);
        this.start = System.nanoTime() + 5_000_000L;
        this.periodNanos = 1e9 / rate;
        this.warmCount = (long) (warmNanos / periodNanos);
        this.total = warmCount + (long) (measureNanos / periodNanos);
    }

    /** Runs one step and completes when every request has ended (or was cut at the drain deadline). */
    static CompletableFuture<Step> run(
            LoadClient client, Target target, double rate, long warmNanos, long measureNanos, int maxConns) {
        return run(client, target, target.jsonBody(), rate, warmNanos, measureNanos, maxConns);
    }

    /** Runs one step with a given body. */
    static CompletableFuture<Step> run(
            LoadClient client,
            Target target,
            byte[] body,
            double rate,
            long warmNanos,
            long measureNanos,
            int maxConns) {
        OpenLoop run = new OpenLoop(client, target, body, rate, warmNanos, measureNanos, maxConns);
        client.loop().execute(run::tick);
        return run.result;
    }

    private long due(long i) {
        return start + (long) (i * periodNanos);
    }

    private void tick() {
        long now = System.nanoTime();
        while (issued < total && due(issued) <= now) {
            issue(due(issued), issued >= warmCount);
            issued++;
        }
        if (issued < total) {
            client.loop().schedule(this::tick, Math.max(0, due(issued) - System.nanoTime()), TimeUnit.NANOSECONDS);
        } else {
            // Whatever is still open 5 s after the last send is cut and counted as such.
            client.loop().schedule(this::drain, 5, TimeUnit.SECONDS);
            finishIfDone();
        }
    }

    private void issue(long intended, boolean record) {
        Outcomes into = record ? measured : warm;
        inFlight++;
        pool.acquire(
                conn -> {
                    into.sendLag.recordValue(Math.max(0, System.nanoTime() - intended));
                    conn.post(target.path(), target.headers(), body, new JsonProbe(intended, into, this::ended));
                },
                why -> {
                    into.failed(why);
                    ended();
                });
    }

    private void ended() {
        inFlight--;
        completed++;
        finishIfDone();
    }

    private void drain() {
        if (!result.isDone()) {
            drained = true;
            pool.closeAll();
        }
    }

    private void finishIfDone() {
        if (issued == total && inFlight == 0 && !result.isDone()) {
            pool.closeAll();
            if (drained) {
                measured.failed("cut at drain");
            }
            result.complete(new Step(measured, issued, completed));
        }
    }
}
