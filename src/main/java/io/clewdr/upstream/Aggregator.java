package io.clewdr.upstream;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/** Collects a body into a byte array, up to a limit; see {@link UpstreamResponse#aggregate(int)}. */
final class Aggregator implements BodySubscriber {

    private final int maxBytes;
    private final Runnable cancelUpstream;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final CompletableFuture<byte[]> result = new CompletableFuture<>();

    Aggregator(int maxBytes, Runnable cancelUpstream) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 0)");
        }
        this.maxBytes = maxBytes;
        this.cancelUpstream = cancelUpstream;
    }

    @Override
    public void onChunk(ByteBuf chunk) {
        try {
            if (result.isDone()) {
                return;
            }
            if (bytes.size() + chunk.readableBytes() > maxBytes) {
                result.completeExceptionally(new BodyTooLargeException(maxBytes));
                cancelUpstream.run();
                return;
            }
            chunk.readBytes(bytes, chunk.readableBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        } finally {
            chunk.release();
        }
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    /** The response was cancelled by the caller: no callback follows, so fail here. */
    void cancelled() {
        result.completeExceptionally(new CancellationException("response cancelled"));
    }
}
