package io.clewdr.credential;

import static io.clewdr.credential.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OAuthTokenTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static OAuthToken token(Instant expiresAt) {
        return new OAuthToken(
                "sk-ant-oat01-secretaccess", Duration.ofHours(8), "sk-ant-ort01-secretrefresh", expiresAt, "org-1");
    }

    @Test
    void a_token_counts_as_expiring_five_minutes_before_its_expiry() {
        OAuthToken t = token(T0.plus(Duration.ofHours(1)));
        assertThat(t.expiresSoon(T0)).isFalse();
        assertThat(t.expiresSoon(T0.plus(Duration.ofMinutes(55)).minusSeconds(1)))
                .isFalse();
        assertThat(t.expiresSoon(T0.plus(Duration.ofMinutes(55)))).isTrue();
        assertThat(t.expiresSoon(T0.plus(Duration.ofHours(2)))).isTrue();
    }

    @Test
    void an_issued_token_expires_its_lifetime_after_now_and_a_zero_lifetime_is_expired_at_once() {
        OAuthToken t = OAuthToken.issued("a", Duration.ofSeconds(28800), "r", "org", T0);
        assertThat(t.expiresAt()).isEqualTo(T0.plusSeconds(28800));
        assertThat(OAuthToken.issued("a", Duration.ZERO, "", "org", T0).expiresSoon(T0))
                .isTrue();
    }

    @Test
    void the_token_is_stored_with_integer_expires_in_and_float_expires_at() {
        OAuthToken t = token(Instant.ofEpochSecond(1785087657, 250_000_000));
        JsonNode node = CookieCodec.encodeToken(t);
        assertThat(node.get("expires_in").isIntegralNumber()).isTrue();
        assertThat(node.get("expires_in").asLong()).isEqualTo(28800);
        assertThat(node.get("expires_at").isFloatingPointNumber()).isTrue();
        assertThat(node.get("expires_at").asDouble()).isEqualTo(1785087657.25);
        assertThat(node.at("/organization/uuid").stringValue()).isEqualTo("org-1");
        assertThat(CookieCodec.decodeToken(node)).isEqualTo(t);
    }

    @Test
    void an_integer_expires_at_is_accepted_and_a_missing_refresh_token_is_empty() {
        JsonNode node = JSON.readTree(
                "{\"access_token\":\"a\",\"expires_in\":60,\"expires_at\":1785087657,\"organization\":{\"uuid\":\"o\"}}");
        OAuthToken t = CookieCodec.decodeToken(node);
        assertThat(t.expiresAt()).isEqualTo(Instant.ofEpochSecond(1785087657));
        assertThat(t.refreshToken()).isEmpty();
        assertThat(t.expiresIn()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void to_string_masks_both_tokens() {
        assertThat(token(T0).toString()).doesNotContain("secretaccess").doesNotContain("secretrefresh");
    }
}
