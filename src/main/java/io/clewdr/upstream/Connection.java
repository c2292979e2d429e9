package io.clewdr.upstream;

import io.netty.channel.Channel;

/** A ready connection to one pool key, speaking the protocol ALPN chose. */
sealed interface Connection permits Http1Connection, Http2Connection {

    /** The protocol spoken on this connection. */
    HttpProtocol protocol();

    /** The channel underneath. */
    Channel channel();

    /** Whether this connection can take another request right now (a hint; {@link #send} decides). */
    boolean isUsable();

    /**
     * Sends the exchange's request, on the event loop. If the connection proves dead before any byte
     * of the request was written, runs {@code onStale} instead of failing the exchange, so the caller
     * can retry on a fresh connection.
     */
    void send(Exchange exchange, Runnable onStale);

    /** Closes the connection, failing any exchange still on it. */
    void close();
}
