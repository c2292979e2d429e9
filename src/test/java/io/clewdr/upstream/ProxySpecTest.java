package io.clewdr.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProxySpecTest {

    @Test
    void a_blank_or_missing_proxy_means_a_direct_connection() {
        assertThat(ProxySpec.parse(null)).isNull();
        assertThat(ProxySpec.parse("  ")).isNull();
        assertThat(UpstreamClient.checkProxy("")).isEmpty();
    }

    @Test
    void each_scheme_parses_with_its_default_port() {
        assertThat(ProxySpec.parse("http://proxy.lan"))
                .isEqualTo(new ProxySpec(ProxySpec.Scheme.HTTP, "proxy.lan", 80, null, null));
        assertThat(ProxySpec.parse("https://proxy.lan/"))
                .isEqualTo(new ProxySpec(ProxySpec.Scheme.HTTPS, "proxy.lan", 443, null, null));
        assertThat(ProxySpec.parse("socks5://10.0.0.1"))
                .isEqualTo(new ProxySpec(ProxySpec.Scheme.SOCKS5, "10.0.0.1", 1080, null, null));
        assertThat(ProxySpec.parse("SOCKS5H://[::1]:9050"))
                .isEqualTo(new ProxySpec(ProxySpec.Scheme.SOCKS5, "::1", 9050, null, null));
    }

    @Test
    void credentials_are_percent_decoded_and_never_shown() {
        ProxySpec spec = ProxySpec.parse("socks5://user%40corp:p%3Ass@127.0.0.1:1080");

        assertThat(spec.username()).isEqualTo("user@corp");
        assertThat(spec.password()).isEqualTo("p:ss");
        assertThat(spec.toString())
                .isEqualTo("socks5://user@corp:***@127.0.0.1:1080")
                .doesNotContain("p:ss");
    }

    @Test
    void a_user_without_a_password_has_an_empty_password() {
        assertThat(ProxySpec.parse("http://token@proxy:3128").password()).isEmpty();
    }

    @Test
    void unusable_urls_are_rejected_with_the_reason_and_the_password_masked() {
        assertThatThrownBy(() -> ProxySpec.parse("ftp://u:pw1@h:21"))
                .isInstanceOf(ProxySettingException.class)
                .hasMessageContaining("unsupported scheme 'ftp'")
                .hasMessageNotContaining("pw1");
        assertThatThrownBy(() -> ProxySpec.parse("127.0.0.1:8080"))
                .isInstanceOf(ProxySettingException.class)
                .hasMessageContaining("scheme");
        assertThatThrownBy(() -> ProxySpec.parse("http://u:pw2@:8080"))
                .isInstanceOf(ProxySettingException.class)
                .hasMessageNotContaining("pw2");
        assertThatThrownBy(() -> ProxySpec.parse("http://u:pw3@proxy:8080/path"))
                .isInstanceOf(ProxySettingException.class)
                .hasMessageContaining("path")
                .hasMessageNotContaining("pw3");
        assertThatThrownBy(() -> ProxySpec.parse("http://u:pw 4@proxy:8080"))
                .isInstanceOf(ProxySettingException.class)
                .hasMessageContaining("not a valid URL")
                .hasMessageNotContaining("pw 4");
        assertThat(UpstreamClient.checkProxy("gopher://h"))
                .hasValueSatisfying(m -> assertThat(m).contains("gopher"));
    }
}
