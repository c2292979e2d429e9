package io.clewdr.upstream;

import static io.clewdr.upstream.Loopback.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContextBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientProfileTest {

    /** A browser-like profile: HTTP/1.1 only, its own header order, its own cipher choice. */
    private record Http1Browser() implements ClientProfile {
        @Override
        public String name() {
            return "http1-browser";
        }

        @Override
        public List<String> alpnProtocols() {
            return List.of("http/1.1");
        }

        @Override
        public void configureTls(SslContextBuilder builder) {
            builder.protocols("TLSv1.3", "TLSv1.2");
        }

        @Override
        public List<Header> defaultHeaders() {
            return List.of(
                    Header.of("User-Agent", "Browser/1.0"),
                    Header.of("Accept", "*/*"),
                    Header.of("Accept-Encoding", "gzip"));
        }
    }

    private final Loopback loop = new Loopback();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        loop.close();
    }

    @Test
    void a_profile_decides_alpn_and_the_header_order() throws Exception {
        server = TestServer.tls(
                loop.group, TestCertificates.serverH2(), (r, ctx) -> TestServer.respond(ctx, 200, r.protocol()));
        var request = UpstreamRequest.of("GET", server.uri("/"))
                .withProfile(new Http1Browser())
                .withHeader("Cookie", "a=b")
                .withHeader("Accept", "text/event-stream");

        var response = get(loop.client.send(request));

        assertThat(response.protocol()).isEqualTo(HttpProtocol.HTTP_1_1);
        assertThat(get(response.aggregate(100))).asString().isEqualTo("HTTP/1.1");
        assertThat(server.received.getFirst().headers())
                .filteredOn(h -> !h.name().equals("content-length")) // added by the test server
                .containsExactly(
                        Header.of("Host", "127.0.0.1:" + server.port()),
                        Header.of("User-Agent", "Browser/1.0"),
                        Header.of("Accept", "text/event-stream"),
                        Header.of("Accept-Encoding", "gzip"),
                        Header.of("Cookie", "a=b"));
    }

    @Test
    void one_tls_context_is_built_per_profile_and_trust() {
        var contexts = new TlsContexts();
        var trust = TestCertificates.trust();

        assertThat(contexts.forTarget(ClientProfile.standard(), trust))
                .isSameAs(contexts.forTarget(ClientProfile.standard(), trust));
        assertThat(contexts.forTarget(new Http1Browser(), trust))
                .isSameAs(contexts.forTarget(new Http1Browser(), trust))
                .isNotSameAs(contexts.forTarget(ClientProfile.standard(), trust));
        assertThat(contexts.provider()).isEqualTo(io.netty.handler.ssl.SslProvider.OPENSSL);
    }

    @Test
    void a_logged_request_shows_no_secret() {
        var request = UpstreamRequest.of("POST", java.net.URI.create("https://api.example/v1?key=k123"))
                .withHeader("x-api-key", "sk-ant-123")
                .withHeader("Cookie", "sessionKey=abc")
                .withHeader("Content-Type", "application/json")
                .withBody(new byte[] {1, 2, 3});

        assertThat(request.toString())
                .doesNotContain("sk-ant-123", "sessionKey=abc", "k123")
                .contains("Content-Type: application/json", "3 bytes");
    }
}
