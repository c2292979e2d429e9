package io.clewdr.upstream;

import java.time.Duration;

/**
 * The three deadlines of one exchange. A {@code null} field means "use the client-wide value from
 * {@link UpstreamSettings}", so a request can override just one of them.
 *
 * @param connect from the start of the request until the connection (TCP, proxy handshake, TLS and
 *     ALPN) is ready
 * @param firstByte from the request being written until the response headers arrive
 * @param idle the longest gap between two body chunks while the caller is reading
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle) {

    /** Validates that any given duration is positive. */
    public Timeouts {
        check("connect", connect);
        check("firstByte", firstByte);
        check("idle", idle);
    }

    /** Returns timeouts with all three values given (any may be {@code null}). */
    public static Timeouts of(Duration connect, Duration firstByte, Duration idle) {
        return new Timeouts(connect, firstByte, idle);
    }

    /** Returns these timeouts with every missing value taken from {@code fallback}. */
    public Timeouts orElse(Timeouts fallback) {
        return new Timeouts(
                connect != null ? connect : fallback.connect(),
                firstByte != null ? firstByte : fallback.firstByte(),
                idle != null ? idle : fallback.idle());
    }

    private static void check(String name, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }
}
