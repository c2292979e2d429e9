package io.clewdr.upstream;

import io.netty.buffer.ByteBuf;

/**
 * Receives a response body as it arrives. Every callback runs on the connection's event loop: it
 * must not block (hand slow work to another thread, and use {@link UpstreamResponse#pause()} to stop
 * the upstream while that work is behind).
 *
 * <p>Exactly one of {@link #onComplete()} or {@link #onError(Throwable)} ends the body, unless the
 * caller {@linkplain UpstreamResponse#cancel() cancels} it, after which no callback runs.
 */
public interface BodySubscriber {

    /**
     * One decoded chunk of the body (after gzip/deflate decoding). <b>The subscriber owns the
     * buffer and must release it</b> ({@code chunk.release()}), for example after writing it to the
     * client channel, which releases it for you.
     */
    void onChunk(ByteBuf chunk);

    /** The body ended normally; no more chunks follow. */
    void onComplete();

    /**
     * The body failed: an {@link UpstreamTimeoutException} of kind {@code IDLE}, or an {@link
     * UpstreamException} for a connection closed or reset mid-body.
     */
    void onError(Throwable error);
}
