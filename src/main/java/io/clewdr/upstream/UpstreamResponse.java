package io.clewdr.upstream;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.CompletableFuture;

/**
 * A response whose headers have arrived and whose body streams with back-pressure. Reading the
 * body is a choice: call {@link #body(BodySubscriber)} or {@link #aggregate(int)} once, or {@link
 * #cancel()} to drop it. Until a subscriber is attached the client stops reading from the upstream,
 * so an unread response holds at most one read's worth (HTTP/1.1) or one flow-control window
 * (HTTP/2) of bytes. Every method may be called from any thread.
 */
public interface UpstreamResponse {

    /** The HTTP status code. */
    int status();

    /**
     * The response headers, read-only. When the body was gzip- or deflate-decoded, {@code
     * content-encoding} and {@code content-length} are absent.
     */
    HttpHeaders headers();

    /** The HTTP version this exchange used. */
    HttpProtocol protocol();

    /**
     * Starts delivering the body to {@code subscriber}, on the event loop.
     *
     * @throws IllegalStateException if a subscriber (or {@link #aggregate}) is already attached
     */
    void body(BodySubscriber subscriber);

    /**
     * Stops delivery and reading from the upstream (HTTP/1.1: the socket is not read; HTTP/2:
     * flow-control credit is withheld, so the server stops once its window is spent). The idle
     * timeout does not run while paused.
     */
    void pause();

    /** Restarts delivery of anything held back, then reading from the upstream. */
    void resume();

    /**
     * Abandons the body at once: closes the HTTP/1.1 connection or resets the HTTP/2 stream without
     * draining it, releases held chunks, and delivers no further callback. For a client that went
     * away. Idempotent, and harmless after the body ended.
     */
    void cancel();

    /**
     * Reads the whole body into memory.
     *
     * @param maxBytes the most decoded bytes to accept
     * @return the body, or a failed future: {@link BodyTooLargeException} above the limit (the
     *     upstream is cancelled), the body's error otherwise, {@link
     *     java.util.concurrent.CancellationException} after {@link #cancel()}
     */
    CompletableFuture<byte[]> aggregate(int maxBytes);
}
