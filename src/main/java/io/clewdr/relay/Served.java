package io.clewdr.relay;

import io.clewdr.credential.CookieStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A try that succeeded: the cookie that served it, and either the stream now flowing to the client
 * or the complete message still to be sent.
 *
 * @param cookie the cookie
 * @param stream the relayed stream, or null for a complete message
 * @param message the complete message, or null for a stream
 * @param meter the usage of the exchange
 */
record Served(
        CookieStatus cookie,
        @Nullable StreamRelay stream,
        @Nullable ObjectNode message,
        UsageMeter meter) {}
