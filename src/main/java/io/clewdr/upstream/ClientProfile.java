package io.clewdr.upstream;

import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.List;
import javax.net.ssl.SSLEngine;

/**
 * How the client presents itself on the wire: TLS ClientHello, HTTP/2 connection preface and
 * request headers. This is the hook for a browser fingerprint (see {@code spec/tls-fingerprint.md}):
 * a browser profile overrides these methods; {@link #standard()} is a plain, sane client.
 *
 * <p>Implementations must be immutable values (records or singletons): the client caches one
 * {@code SslContext} per equal profile and keys its connection pools by profile, so two requests
 * share a connection only if their profiles are equal.
 */
public interface ClientProfile {

    /** A short name for logs, for example {@code standard} or {@code chrome-145}. */
    String name();

    /** ALPN protocol ids in the order offered; {@code h2} first to prefer HTTP/2. */
    default List<String> alpnProtocols() {
        return List.of("h2", "http/1.1");
    }

    /**
     * Shapes the TLS context once per profile: protocols, cipher list and order (pass {@code
     * IdentityCipherSuiteFilter.INSTANCE} to keep the order), {@code OpenSslContextOption.GROUPS},
     * certificate compression, OCSP stapling. The builder already has the provider, trust and ALPN
     * set; the client does not override what this method sets, except ALPN, which always comes from
     * {@link #alpnProtocols()}.
     */
    default void configureTls(SslContextBuilder builder) {}

    /**
     * Shapes one connection's TLS engine before its handshake: the place for per-connection
     * BoringSSL calls (ALPS, ECH GREASE) through the engine's SSL pointer. Runs on the event loop.
     */
    default void configureEngine(SSLEngine engine) {}

    /**
     * The SETTINGS this client sends in its HTTP/2 preface. Netty writes them in ascending id
     * order. Return a fresh instance.
     */
    default Http2Settings http2Settings() {
        return new Http2Settings().pushEnabled(false).initialWindowSize(1 << 20).maxHeaderListSize(256 * 1024);
    }

    /**
     * The WINDOW_UPDATE increment sent for the whole connection right after SETTINGS, or 0 for
     * none.
     */
    default int http2ConnectionWindowIncrement() {
        return 15 << 20;
    }

    /** Strings at least this long are Huffman-coded by HPACK (Netty's default is 512). */
    default int hpackHuffmanThreshold() {
        return 512;
    }

    /** The order of the four request pseudo-headers in an HTTP/2 HEADERS frame. */
    default List<PseudoHeader> pseudoHeaderOrder() {
        return List.of(PseudoHeader.METHOD, PseudoHeader.AUTHORITY, PseudoHeader.SCHEME, PseudoHeader.PATH);
    }

    /** The priority sent with each request's HEADERS frame, or {@code null} for none. */
    default HeadersPriority headersPriority() {
        return null;
    }

    /**
     * Headers every request carries, in wire order. A request header with the same name (case
     * ignored) replaces a default's value at the default's position; the request's other headers
     * follow in their own order.
     */
    default List<Header> defaultHeaders() {
        return List.of(Header.of("accept-encoding", "gzip, deflate"));
    }

    /** The standard profile: ALPN {@code h2, http/1.1}, system TLS defaults, Netty HTTP/2 defaults. */
    static ClientProfile standard() {
        return StandardProfile.INSTANCE;
    }

    /** The four HTTP/2 request pseudo-headers. */
    enum PseudoHeader {
        /** {@code :method} */
        METHOD,
        /** {@code :authority} */
        AUTHORITY,
        /** {@code :scheme} */
        SCHEME,
        /** {@code :path} */
        PATH
    }

    /**
     * HTTP/2 HEADERS frame priority fields, as browsers send them.
     *
     * @param streamDependency the stream this one depends on (0 for the root)
     * @param weight 1 to 256
     * @param exclusive the exclusive flag
     */
    record HeadersPriority(int streamDependency, short weight, boolean exclusive) {

        /** Validates the weight range. */
        public HeadersPriority {
            if (weight < 1 || weight > 256) {
                throw new IllegalArgumentException("weight: " + weight + " (expected: 1..256)");
            }
        }
    }
}
