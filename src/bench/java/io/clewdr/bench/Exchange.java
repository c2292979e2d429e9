package io.clewdr.bench;

import io.netty.buffer.ByteBuf;

/** What a client connection reports about one request, on the client's event loop, in order. */
interface Exchange {
    /** The status line and headers arrived at {@code nanos}. */
    void headers(int status, long nanos);

    /** A piece of the body arrived at {@code nanos}; the buffer is only valid during the call. */
    void content(ByteBuf piece, long nanos);

    /** The body ended at {@code nanos}. */
    void end(long nanos);

    /** The exchange failed before its end (connect error, reset, close, timeout). */
    void fail(String why, long nanos);
}
