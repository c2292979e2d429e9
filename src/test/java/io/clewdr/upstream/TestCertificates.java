package io.clewdr.upstream;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;

/** A test CA and a loopback server certificate it issued, made once per test run. */
final class TestCertificates {

    private static final X509Bundle CA;
    private static final X509Bundle SERVER;

    static {
        try {
            CA = new CertificateBuilder()
                    .subject("CN=ClewdR Test CA")
                    .setIsCertificateAuthority(true)
                    .ecp256()
                    .buildSelfSigned();
            SERVER = new CertificateBuilder()
                    .subject("CN=localhost")
                    .addSanDnsName("localhost")
                    .addSanIpAddress("127.0.0.1")
                    .addExtendedKeyUsageServerAuth()
                    .ecp256()
                    .buildIssuedBy(CA);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestCertificates() {}

    /** Trusts the test CA only. */
    static TrustManagerFactory trust() {
        return CA.toTrustManagerFactory();
    }

    /** A server context for the loopback certificate, offering {@code alpn} in order. */
    static SslContext server(List<String> alpn) {
        try {
            SslContextBuilder builder =
                    SslContextBuilder.forServer(SERVER.toKeyManagerFactory()).sslProvider(SslProvider.OPENSSL);
            if (!alpn.isEmpty()) {
                builder.applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        alpn));
            }
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Offers HTTP/2 first, then HTTP/1.1. */
    static SslContext serverH2() {
        return server(List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
    }
}
