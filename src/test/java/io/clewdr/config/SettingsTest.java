package io.clewdr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void rproxy_overrides_the_claude_base_and_bases_end_in_a_slash() {
        Settings settings = Settings.defaults();
        assertThat(settings.effectiveClaudeBase()).isEqualTo(URI.create("https://api.anthropic.com/"));

        Settings mirrored = settings.with(Map.of("rproxy", "http://127.0.0.1:9000/claude"));
        assertThat(mirrored.effectiveClaudeBase()).isEqualTo(URI.create("http://127.0.0.1:9000/claude/"));
        assertThat(mirrored.effectiveClaudeBase().resolve("api/bootstrap"))
                .isEqualTo(URI.create("http://127.0.0.1:9000/claude/api/bootstrap"));
        assertThat(mirrored.upstream().oauthTokenUrl()).isEqualTo("https://api.anthropic.com/v1/oauth/token");
    }

    @Test
    void to_string_masks_passwords_and_url_credentials() {
        Settings settings = Settings.defaults()
                .withPassword("correct-horse-battery-staple")
                .withAdminPassword("admin-horse-battery-staple")
                .withProxy("socks5://me:proxy-secret@127.0.0.1:1080");

        assertThat(settings.toString())
                .doesNotContain("correct-horse-battery-staple", "admin-horse-battery-staple", "proxy-secret")
                .contains("port=8484", "127.0.0.1:1080");
    }

    @Test
    void the_defaults_match_the_documented_ones() {
        Settings settings = Settings.defaults();

        assertThat(settings.customPrompt()).isEmpty();
        assertThat(settings.customH()).isNull();
        assertThat(settings.claudeCodeClientId()).isNull();
        assertThat(settings.persistence()).isEqualTo(Persistence.defaults());
        assertThat(settings.upstream().claudeCodeUserAgent()).isEqualTo("claude-code/2.1.76");
        assertThat(settings.upstream().oauthRedirectUri())
                .isEqualTo("https://console.anthropic.com/oauth/code/callback");
        assertThat(settings.modelAliases()).isEmpty();
        assertThat(settings.autoUpdate()).isFalse();
    }

    @Test
    void copies_validate_and_name_the_key() {
        assertThatThrownBy(() -> Settings.defaults().with(Map.of("port", -1)))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).contains("port"));
        assertThatThrownBy(() -> Settings.defaults().withProxy("nonsense"))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).contains("proxy"));
    }

    @Test
    void model_aliases_keep_their_order_and_cannot_be_modified() {
        Settings settings =
                Settings.defaults().with(Map.of("model_aliases", new java.util.LinkedHashMap<>(Map.of("b", "m2"))));

        assertThatThrownBy(() -> settings.modelAliases().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> settings.models().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
