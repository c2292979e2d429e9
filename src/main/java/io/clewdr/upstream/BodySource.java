package io.clewdr.upstream;

/**
 * What a {@link StreamedResponse} asks of the transport it reads from. Called on the event loop;
 * every call must be a no-op once the transport's exchange is over (an HTTP/1.1 connection may
 * already serve another request by then).
 */
interface BodySource {

    /** Reads from the socket or not (HTTP/1.1 autoRead; HTTP/2 ignores it and uses {@link #credit}). */
    void setReading(boolean reading);

    /** The caller has taken {@code bytes} flow-controlled bytes; HTTP/2 returns them to the window. */
    void credit(int bytes);

    /** Closes the connection or resets the stream now, without draining. */
    void abort();
}
