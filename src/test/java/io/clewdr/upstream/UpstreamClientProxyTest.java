package io.clewdr.upstream;

import static io.clewdr.upstream.Loopback.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client through real proxies on loopback: tinyproxy (HTTP CONNECT) and microsocks (SOCKS5). */
class UpstreamClientProxyTest {

    @TempDir
    Path dir;

    private final Loopback loop = new Loopback();
    private final TestServer plain = TestServer.plain(loop.group, (r, ctx) -> TestServer.respond(ctx, 200, "plain"));
    private final TestServer secure = TestServer.tls(
            loop.group,
            TestCertificates.serverH2(),
            (r, ctx) -> TestServer.respond(ctx, 200, "secure " + r.protocol()));

    @AfterEach
    void stop() {
        plain.close();
        secure.close();
        loop.close();
    }

    private void useProxy(String proxy) {
        loop.settings.set(loop.settings.get().withProxy(proxy));
    }

    private String fetch(URI uri) throws Exception {
        var response = get(loop.client.send(UpstreamRequest.of("GET", uri).withHeader("X-Order", "kept")));
        return new String(get(response.aggregate(1000)), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void an_http_proxy_tunnels_to_a_plain_http_target() throws Exception {
        try (var proxy = ProxyProcess.tinyproxy(dir)) {
            useProxy("http://127.0.0.1:" + proxy.port);

            assertThat(fetch(plain.uri("/via-http-proxy"))).isEqualTo("plain");

            assertThat(proxy.log()).contains("CONNECT 127.0.0.1:" + plain.port());
            assertThat(plain.received.getFirst().headers()).contains(Header.of("X-Order", "kept"));
        }
    }

    @Test
    void an_http_proxy_tunnels_to_an_https_target_with_http2() throws Exception {
        try (var proxy = ProxyProcess.tinyproxy(dir)) {
            useProxy("http://127.0.0.1:" + proxy.port);

            assertThat(fetch(secure.uri("/via-http-proxy"))).isEqualTo("secure h2");

            assertThat(proxy.log()).contains("CONNECT 127.0.0.1:" + secure.port());
        }
    }

    @Test
    void an_https_proxy_is_reached_over_tls_then_tunnels() throws Exception {
        try (var proxy = ProxyProcess.tinyproxy(dir);
                var front = new TlsForwarder(loop.group, proxy.port)) {
            useProxy("https://localhost:" + front.port());

            assertThat(fetch(plain.uri("/via-https-proxy"))).isEqualTo("plain");
            assertThat(fetch(secure.uri("/via-https-proxy"))).isEqualTo("secure h2");

            assertThat(front.handshakes.get()).isGreaterThanOrEqualTo(2);
            assertThat(proxy.log()).contains("CONNECT 127.0.0.1:" + secure.port());
        }
    }

    @Test
    void a_socks5_proxy_without_credentials_reaches_both_kinds_of_target() throws Exception {
        try (var proxy = ProxyProcess.microsocks(dir, null, null)) {
            useProxy("socks5://127.0.0.1:" + proxy.port);

            assertThat(fetch(plain.uri("/via-socks"))).isEqualTo("plain");
            assertThat(fetch(secure.uri("/via-socks"))).isEqualTo("secure h2");

            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.log().contains("127.0.0.1:" + secure.port()));
        }
    }

    @Test
    void a_socks5h_proxy_with_credentials_lets_the_proxy_resolve_the_host_name() throws Exception {
        try (var proxy = ProxyProcess.microsocks(dir, "alice", "s3cret")) {
            useProxy("socks5h://alice:s3cret@127.0.0.1:" + proxy.port);

            assertThat(fetch(URI.create("https://localhost:" + secure.port() + "/named")))
                    .isEqualTo("secure h2");

            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.log().contains("localhost:" + secure.port()));
        }
    }

    @Test
    void a_wrong_socks5_password_fails_clearly_without_showing_it() throws Exception {
        try (var proxy = ProxyProcess.microsocks(dir, "alice", "s3cret")) {
            useProxy("socks5://alice:wrong-password@127.0.0.1:" + proxy.port);

            assertThatThrownBy(() -> fetch(plain.uri("/")))
                    .isInstanceOf(UpstreamConnectException.class)
                    .hasMessageContaining("proxy socks5://alice:***@127.0.0.1:" + proxy.port)
                    .hasMessageNotContaining("wrong-password");
            assertThat(plain.received).isEmpty();
        }
    }

    @Test
    void a_proxy_change_applies_to_the_next_request_and_retires_the_old_pool() throws Exception {
        try (var proxy = ProxyProcess.tinyproxy(dir)) {
            assertThat(fetch(plain.uri("/direct"))).isEqualTo("plain");
            assertThat(plain.connectionsOpened).hasValue(1);

            useProxy("http://127.0.0.1:" + proxy.port);
            assertThat(fetch(plain.uri("/proxied"))).isEqualTo("plain");

            assertThat(proxy.log()).contains("CONNECT 127.0.0.1:" + plain.port());
            assertThat(plain.connectionsOpened).hasValue(2);
            // The direct connection's pool was closed when the setting changed.
            await().atMost(Duration.ofSeconds(5)).until(() -> plain.connectionsClosed.get() == 1);
            assertThat(loop.client.poolCount()).isEqualTo(1);

            useProxy(null);
            assertThat(fetch(plain.uri("/direct-again"))).isEqualTo("plain");
            assertThat(plain.connectionsOpened).hasValue(3);
        }
    }

    @Test
    void an_unreachable_proxy_is_a_connect_exception_naming_the_proxy() throws Exception {
        int port = ProxyProcess.freePort();
        useProxy("http://bob:hunter2@127.0.0.1:" + port);

        assertThatThrownBy(() -> fetch(plain.uri("/")))
                .isInstanceOf(UpstreamConnectException.class)
                .hasMessageContaining("via proxy http://bob:***@127.0.0.1:" + port)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void an_unparseable_proxy_fails_the_request_naming_the_problem_but_not_the_password() {
        useProxy("ftp://carol:topsecret@proxy.example:21");

        assertThatThrownBy(() -> fetch(plain.uri("/")))
                .isInstanceOf(ProxySettingException.class)
                .hasMessageContaining("unsupported scheme 'ftp'")
                .hasMessageContaining("ftp://carol:***@proxy.example:21")
                .hasMessageNotContaining("topsecret");
    }
}
