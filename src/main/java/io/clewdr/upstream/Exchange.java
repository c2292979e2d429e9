package io.clewdr.upstream;

import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request on one connection, from the write until its body ends: owns the response future and
 * the first-byte deadline. Confined to the connection's event loop.
 */
final class Exchange {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    final UpstreamRequest request;
    final Timeouts timeouts;
    final CompletableFuture<UpstreamResponse> future;
    final LongSupplier nanoClock;
    private ScheduledFuture<?> firstByteTimer;
    private StreamedResponse response;
    private boolean over;

    Exchange(
            UpstreamRequest request,
            Timeouts timeouts,
            CompletableFuture<UpstreamResponse> future,
            LongSupplier nanoClock) {
        this.request = request;
        this.timeouts = timeouts;
        this.future = future;
        this.nanoClock = nanoClock;
    }

    /** Starts the first-byte deadline; {@code onTimeout} tears the transport down. */
    void startFirstByteTimer(EventLoop loop, Runnable onTimeout) {
        cancelTimer(); // a retry on a fresh connection starts the deadline again
        firstByteTimer = loop.schedule(
                () -> {
                    if (response == null && !over) {
                        fail(new UpstreamTimeoutException(
                                UpstreamTimeoutException.Kind.FIRST_BYTE, timeouts.firstByte(), request.target()));
                        onTimeout.run();
                    }
                },
                timeouts.firstByte().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** The response headers arrived: hand the response to the caller. */
    void respond(StreamedResponse newResponse) {
        cancelTimer();
        response = newResponse;
        if (request.prefetchBytes() == 0) {
            hand(newResponse);
            return;
        }
        // Read here, on the event loop, so the caller wakes once, with everything.
        future.whenComplete((r, e) -> {
            if (future.isCancelled()) {
                newResponse.cancel();
            }
        });
        newResponse.aggregate(request.prefetchBytes()).whenComplete((bytes, error) -> {
            PrefetchedResponse ready = new PrefetchedResponse(newResponse, newResponse.loop(), bytes, unwrap(error));
            if (error == null && !future.isDone()) {
                arrived(ready);
            }
            hand(ready);
        });
    }

    /** The request's arrival hook, if any; a failing hook costs the caller nothing but the head start. */
    private void arrived(PrefetchedResponse ready) {
        Consumer<UpstreamResponse> hook = request.onArrival();
        if (hook == null) {
            return;
        }
        try {
            hook.accept(ready);
        } catch (RuntimeException e) {
            LOG.warn("the arrival hook of {} failed: {}", request.target(), e.toString());
        }
    }

    private void hand(UpstreamResponse ready) {
        if (!future.complete(ready)) {
            ready.cancel(); // the caller cancelled the future: nobody will read this body
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
    }

    /** The response started, so body bytes and the end go to it; {@code null} before headers. */
    StreamedResponse response() {
        return response;
    }

    /** The body ended normally. */
    void end() {
        over = true;
        cancelTimer();
        if (response != null) {
            response.onEnd();
        }
    }

    /** The exchange failed: before headers the future fails, after them the body does. */
    void fail(Throwable error) {
        if (over) {
            return;
        }
        over = true;
        cancelTimer();
        if (response == null) {
            future.completeExceptionally(error);
        } else {
            response.onFailure(error);
        }
    }

    /** Whether {@link #end()} or {@link #fail} ran. */
    boolean isOver() {
        return over;
    }

    private void cancelTimer() {
        if (firstByteTimer != null) {
            firstByteTimer.cancel(false);
            firstByteTimer = null;
        }
    }
}
