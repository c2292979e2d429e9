package io.clewdr.upstream;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client {@link SslContext} per profile and trust store (building one costs milliseconds and
 * native memory), on BoringSSL through netty-tcnative, or on the JDK if the native library is
 * missing. Hostname verification is always on; there is no "trust all".
 */
final class TlsContexts {

    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    /** The cache key; {@code profile} is {@code null} for the context used to talk TLS to a proxy. */
    private record Key(ClientProfile profile, TrustManagerFactory trust) {}

    private final ConcurrentHashMap<Key, SslContext> contexts = new ConcurrentHashMap<>();

    TlsContexts() {}

    /**
     * The provider in use: {@code OPENSSL} normally. Chosen on first use, not at start: loading the
     * native library takes a noticeable part of a second and several megabytes, which a proxy whose
     * upstreams are all plain HTTP (or that has not served a request yet) should not pay.
     */
    SslProvider provider() {
        return Chosen.PROVIDER;
    }

    /** Holds the provider; the JVM initialises it once, on the first call of {@link #provider()}. */
    private static final class Chosen {
        static final SslProvider PROVIDER = choose();

        private Chosen() {}
    }

    private static SslProvider choose() {
        if (OpenSsl.isAvailable()) {
            return SslProvider.OPENSSL;
        }
        LOG.warn(
                "BoringSSL (netty-tcnative) is unavailable, using JDK TLS: browser TLS profiles will not apply ({})",
                String.valueOf(OpenSsl.unavailabilityCause()));
        return SslProvider.JDK;
    }

    /** The context for an https target, shaped by the profile. */
    SslContext forTarget(ClientProfile profile, TrustManagerFactory trust) {
        return contexts.computeIfAbsent(new Key(profile, trust), this::build);
    }

    /** The context for TLS to an {@code https://} proxy: no ALPN, default ciphers. */
    SslContext forProxy(TrustManagerFactory trust) {
        return contexts.computeIfAbsent(new Key(null, trust), this::build);
    }

    private SslContext build(Key key) {
        SslContextBuilder builder =
                SslContextBuilder.forClient().sslProvider(provider()).endpointIdentificationAlgorithm("HTTPS");
        if (key.trust() != null) {
            builder.trustManager(key.trust());
        }
        if (key.profile() != null) {
            key.profile().configureTls(builder);
            builder.applicationProtocolConfig(
                    key.profile().alpnProtocols().isEmpty()
                            ? ApplicationProtocolConfig.DISABLED
                            : new ApplicationProtocolConfig(
                                    ApplicationProtocolConfig.Protocol.ALPN,
                                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                                    key.profile().alpnProtocols()));
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            String what = key.profile() == null
                    ? "proxy TLS"
                    : "TLS profile " + key.profile().name();
            throw new UpstreamConnectException("cannot build the " + what + " context: " + e.getMessage(), e);
        }
    }
}
