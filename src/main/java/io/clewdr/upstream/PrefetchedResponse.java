package io.clewdr.upstream;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A response whose whole body was read on the event loop before the caller heard of it (see
 * {@link UpstreamRequest#withPrefetchedBody(int)}): status, headers and body, or the body's failure.
 * Reading it costs no further trip through the event loop, except for a subscriber, whose callbacks
 * still run there as {@link UpstreamResponse} promises.
 */
final class PrefetchedResponse implements UpstreamResponse {
    private final UpstreamResponse head;
    private final EventLoop loop;
    private final byte @Nullable [] body;
    private final @Nullable Throwable failure;
    private final AtomicBoolean read = new AtomicBoolean();

    PrefetchedResponse(UpstreamResponse head, EventLoop loop, byte @Nullable [] body, @Nullable Throwable failure) {
        this.head = head;
        this.loop = loop;
        this.body = body;
        this.failure = failure;
    }

    @Override
    public int status() {
        return head.status();
    }

    @Override
    public HttpHeaders headers() {
        return head.headers();
    }

    @Override
    public HttpProtocol protocol() {
        return head.protocol();
    }

    @Override
    public void body(BodySubscriber subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        claim();
        loop.execute(() -> {
            if (body == null) {
                subscriber.onError(failure);
                return;
            }
            if (body.length > 0) {
                subscriber.onChunk(Unpooled.wrappedBuffer(body));
            }
            subscriber.onComplete();
        });
    }

    /** May be called more than once (the arrival hook and then the caller read the same bytes). */
    @Override
    public CompletableFuture<byte[]> aggregate(int maxBytes) {
        if (body == null) {
            return CompletableFuture.failedFuture(failure);
        }
        if (body.length > maxBytes) {
            return CompletableFuture.failedFuture(new BodyTooLargeException(maxBytes));
        }
        return CompletableFuture.completedFuture(body);
    }

    /** Nothing is read any more: the body is in memory. */
    @Override
    public void pause() {}

    /** Nothing is read any more: the body is in memory. */
    @Override
    public void resume() {}

    /** The upstream is done with already; the bytes go with this object. */
    @Override
    public void cancel() {}

    private void claim() {
        if (!read.compareAndSet(false, true)) {
            throw new IllegalStateException("the body already has a subscriber");
        }
    }
}
