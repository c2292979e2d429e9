package io.clewdr.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The response handed to callers, and the body state machine behind it. All state is confined to
 * the connection's event loop; public methods called elsewhere hop onto it. Chunks that arrive
 * while there is no subscriber or while paused wait in a queue that the transport bounds (for
 * HTTP/1.1 reading stops, once the queue is past {@link #UNSUBSCRIBED_READ_AHEAD} before anyone
 * subscribed and at once while paused; for HTTP/2 the stream's credit is withheld until the chunk is
 * delivered).
 */
final class StreamedResponse implements UpstreamResponse {

    /**
     * How many bytes may wait for a subscriber that has not come yet before reading stops. The caller
     * usually subscribes from another thread just after the headers, when a short answer is already
     * in: stopping and restarting the socket's reading for it cost two {@code epoll_ctl} calls per
     * exchange, 3 % of a web request's CPU (five exchanges each) when profiled. What waits stays under
     * this plus one socket read. A paused subscriber still stops reading at the first chunk it did
     * not take.
     */
    static final int UNSUBSCRIBED_READ_AHEAD = 16 * 1024;

    private record Pending(ByteBuf chunk, int credit) {}

    private final int status;
    private final HttpHeaders headers;
    private final HttpProtocol protocol;
    private final EventLoop loop;
    private final BodySource source;
    private final Duration idleTimeout;
    private final String target;
    private final LongSupplier nanoClock;

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int queuedBytes;
    private final java.util.concurrent.atomic.AtomicBoolean subscribed =
            new java.util.concurrent.atomic.AtomicBoolean();
    private BodySubscriber subscriber;
    private boolean paused;
    private boolean ended;
    private Throwable failure;
    private boolean terminated; // a terminal callback ran, or the caller cancelled
    private boolean reading = true;
    private ScheduledFuture<?> idleTimer;
    private long lastDataNanos;

    StreamedResponse(
            int status,
            HttpHeaders headers,
            HttpProtocol protocol,
            EventLoop loop,
            BodySource source,
            Duration idleTimeout,
            String target,
            LongSupplier nanoClock) {
        this.status = status;
        this.headers = headers;
        this.protocol = protocol;
        this.loop = loop;
        this.source = source;
        this.idleTimeout = idleTimeout;
        this.target = target;
        this.nanoClock = nanoClock;
        this.lastDataNanos = nanoClock.getAsLong();
    }

    /** The event loop this response's state lives on. */
    EventLoop loop() {
        return loop;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }

    @Override
    public HttpProtocol protocol() {
        return protocol;
    }

    @Override
    public void body(BodySubscriber newSubscriber) {
        Objects.requireNonNull(newSubscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            throw new IllegalStateException("the body already has a subscriber");
        }
        onLoop(() -> {
            subscriber = newSubscriber;
            if (terminated) {
                return; // cancelled before anyone subscribed
            }
            drain();
        });
    }

    @Override
    public CompletableFuture<byte[]> aggregate(int maxBytes) {
        Aggregator aggregator = new Aggregator(maxBytes, this::cancel);
        body(aggregator);
        return aggregator.result;
    }

    @Override
    public void pause() {
        onLoop(() -> {
            paused = true;
            updateReading();
        });
    }

    @Override
    public void resume() {
        onLoop(() -> {
            paused = false;
            drain();
        });
    }

    @Override
    public void cancel() {
        onLoop(() -> {
            if (terminated) {
                return;
            }
            terminated = true;
            releaseQueue();
            stopIdleTimer();
            source.abort();
            if (subscriber instanceof Aggregator aggregator) {
                aggregator.cancelled();
            }
        });
    }

    /** Transport: a body chunk arrived; ownership of {@code chunk} passes here. */
    void onData(ByteBuf chunk, int credit) {
        if (terminated || ended || failure != null) {
            chunk.release();
            source.credit(credit);
            return;
        }
        lastDataNanos = nanoClock.getAsLong();
        if (canDeliver() && queue.isEmpty()) {
            deliver(chunk, credit);
        } else {
            queue.add(new Pending(chunk, credit));
            queuedBytes += chunk.readableBytes();
        }
        updateReading();
    }

    /** Transport: the body ended normally. */
    void onEnd() {
        if (terminated || ended || failure != null) {
            return;
        }
        ended = true;
        drain();
    }

    /** Transport (or idle timer): the body failed; queued chunks are still delivered first. */
    void onFailure(Throwable error) {
        if (terminated || ended || failure != null) {
            return;
        }
        failure = error;
        drain();
    }

    private boolean canDeliver() {
        return subscriber != null && !paused && !terminated;
    }

    private void deliver(ByteBuf chunk, int credit) {
        source.credit(credit);
        try {
            subscriber.onChunk(chunk);
        } catch (RuntimeException e) {
            // A failing subscriber cannot be trusted with more data: stop the upstream.
            cancel();
            throw e;
        }
    }

    private void drain() {
        while (canDeliver() && !queue.isEmpty()) {
            Pending p = queue.poll();
            queuedBytes -= p.chunk().readableBytes();
            deliver(p.chunk(), p.credit());
        }
        if (canDeliver() && queue.isEmpty() && (ended || failure != null)) {
            terminated = true;
            stopIdleTimer();
            if (failure != null) {
                subscriber.onError(failure);
            } else {
                subscriber.onComplete();
            }
            return;
        }
        updateReading();
    }

    /**
     * Reads (and runs the idle timer) while a subscriber is taking chunks, or while nobody has
     * subscribed yet and less than the read-ahead waits.
     */
    private void updateReading() {
        boolean open = !terminated && !ended && failure == null;
        boolean want = open
                && (canDeliver() && queue.isEmpty() || subscriber == null && queuedBytes < UNSUBSCRIBED_READ_AHEAD);
        if (want != reading) {
            reading = want;
            source.setReading(want);
        }
        if (want) {
            if (idleTimer == null) {
                lastDataNanos = nanoClock.getAsLong();
                scheduleIdleCheck(idleTimeout.toNanos());
            }
        } else {
            stopIdleTimer();
        }
    }

    private void scheduleIdleCheck(long delayNanos) {
        idleTimer = loop.schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkIdle() {
        idleTimer = null;
        if (terminated || !reading) {
            return;
        }
        long left = idleTimeout.toNanos() - (nanoClock.getAsLong() - lastDataNanos);
        if (left > 0) {
            scheduleIdleCheck(left);
            return;
        }
        // Fail first so the transport's "connection closed" that the abort causes is ignored.
        onFailure(new UpstreamTimeoutException(UpstreamTimeoutException.Kind.IDLE, idleTimeout, target));
        source.abort();
    }

    private void stopIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    private void releaseQueue() {
        Pending p;
        while ((p = queue.poll()) != null) {
            p.chunk().release();
        }
        queuedBytes = 0;
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
