package io.clewdr.upstream;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.TrustManagerFactory;

/**
 * Client-wide settings, read once per request from the supplier given to {@link
 * UpstreamClient#create}, so a changed {@code proxy} applies to the next request.
 *
 * @param proxy the outbound proxy URL, or {@code null} for a direct connection: {@code http://},
 *     {@code https://}, {@code socks5://} or {@code socks5h://}, with optional {@code
 *     user:password@}; the proxy resolves the target's host name in every case
 * @param timeouts the default deadlines (all three non-null)
 * @param maxIdlePerKey how many idle HTTP/1.1 keep-alive connections to keep per target and proxy
 * @param poolIdleTimeout how long an idle pooled connection is kept before it is closed
 * @param trust the trust store for upstream (and https proxy) certificates, or {@code null} for the
 *     system default trust; tests use it for a test CA
 */
public record UpstreamSettings(
        String proxy, Timeouts timeouts, int maxIdlePerKey, Duration poolIdleTimeout, TrustManagerFactory trust) {

    /** Validates the values; the proxy URL is checked per request (see {@link UpstreamClient#checkProxy}). */
    public UpstreamSettings {
        Objects.requireNonNull(timeouts, "timeouts");
        if (timeouts.connect() == null || timeouts.firstByte() == null || timeouts.idle() == null) {
            throw new IllegalArgumentException("timeouts: " + timeouts + " (expected: all three set)");
        }
        if (maxIdlePerKey < 0) {
            throw new IllegalArgumentException("maxIdlePerKey: " + maxIdlePerKey + " (expected: >= 0)");
        }
        Objects.requireNonNull(poolIdleTimeout, "poolIdleTimeout");
        if (poolIdleTimeout.isNegative() || poolIdleTimeout.isZero()) {
            throw new IllegalArgumentException("poolIdleTimeout: " + poolIdleTimeout + " (expected: > 0)");
        }
        if (proxy != null && proxy.isBlank()) {
            proxy = null;
        }
    }

    /**
     * Direct connections, system trust, connect 10 s, first byte 60 s (models think before they
     * answer), idle 120 s, up to 512 idle connections per key kept for 60 s. The idle limit is sized for
     * bursts: parallel agents and thousands of concurrent streams to one plain HTTP/1.1 upstream would
     * otherwise close and re-dial (and, over TLS, re-handshake) most connections on every request; an
     * idle connection costs a socket and a few kilobytes until its 60 s are up.
     */
    public static UpstreamSettings defaults() {
        return new UpstreamSettings(
                null,
                Timeouts.of(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(120)),
                512,
                Duration.ofSeconds(60),
                null);
    }

    /** Returns these settings with another proxy URL ({@code null} for none). */
    public UpstreamSettings withProxy(String newProxy) {
        return new UpstreamSettings(newProxy, timeouts, maxIdlePerKey, poolIdleTimeout, trust);
    }

    /** Returns these settings with other default timeouts (all three set). */
    public UpstreamSettings withTimeouts(Timeouts newTimeouts) {
        return new UpstreamSettings(proxy, newTimeouts, maxIdlePerKey, poolIdleTimeout, trust);
    }

    /** Returns these settings with another trust store ({@code null} for the system default). */
    public UpstreamSettings withTrust(TrustManagerFactory newTrust) {
        return new UpstreamSettings(proxy, timeouts, maxIdlePerKey, poolIdleTimeout, newTrust);
    }

    /** Returns these settings with other pool limits. */
    public UpstreamSettings withPool(int newMaxIdlePerKey, Duration newPoolIdleTimeout) {
        return new UpstreamSettings(proxy, timeouts, newMaxIdlePerKey, newPoolIdleTimeout, trust);
    }

    @Override
    public String toString() {
        return "UpstreamSettings[proxy=" + (proxy == null ? "none" : ProxySpec.mask(proxy)) + ", timeouts=" + timeouts
                + ", maxIdlePerKey=" + maxIdlePerKey + ", poolIdleTimeout=" + poolIdleTimeout + ", trust="
                + (trust == null ? "system" : "custom") + "]";
    }
}
