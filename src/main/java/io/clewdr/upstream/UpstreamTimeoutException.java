package io.clewdr.upstream;

import java.time.Duration;

/** An exchange ran past one of its {@link Timeouts}; {@link #kind()} says which. */
public final class UpstreamTimeoutException extends UpstreamException {

    /** Which deadline passed. */
    public enum Kind {
        /** The connection (TCP, proxy handshake, TLS) was not ready in time. */
        CONNECT,
        /** The response headers did not arrive in time after the request was sent. */
        FIRST_BYTE,
        /** No body bytes arrived for the idle interval while the caller was reading. */
        IDLE
    }

    private final Kind kind;
    private final Duration after;

    UpstreamTimeoutException(Kind kind, Duration after, String target) {
        super(
                kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " timeout after " + after + " ("
                        + target + ")",
                null);
        this.kind = kind;
        this.after = after;
    }

    /** Which deadline passed. */
    public Kind kind() {
        return kind;
    }

    /** The deadline that passed. */
    public Duration after() {
        return after;
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
