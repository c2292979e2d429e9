package io.clewdr.credential;

import static io.clewdr.credential.Fixtures.T0;
import static io.clewdr.credential.Fixtures.cookie;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CookieListingTest {

    private static final Instant BOUNDARY = Instant.ofEpochSecond(1785087657);

    private final CookieStatus status = CookieStatus.builder(cookie(1))
            .token(OAuthToken.issued("sk-ant-oat01-secret", Duration.ofHours(8), "sk-ant-ort01-secret", "org", T0))
            .resetsAt(UsageWindow.SESSION, BOUNDARY)
            .resetsAt(UsageWindow.WEEKLY, BOUNDARY.plus(Duration.ofDays(1)))
            .hasReset(UsageWindow.SESSION, true)
            .build();

    @Test
    void an_entry_never_contains_the_token_and_gives_boundaries_as_rfc_3339() {
        ObjectNode entry = CookieListing.entry(status, null);
        assertThat(entry.has("token")).isFalse();
        assertThat(entry.toString()).doesNotContain("secret");
        assertThat(entry.get("cookie").stringValue()).isEqualTo(cookie(1).value());
        assertThat(entry.get("reset_time").isNull()).isTrue();
        assertThat(entry.get("count_tokens_allowed").isNull()).isTrue();
        assertThat(entry.get("session_resets_at").stringValue()).isEqualTo("2026-07-26T17:40:57Z");
        assertThat(entry.get("seven_day_resets_at").stringValue()).isEqualTo("2026-07-27T17:40:57Z");
        assertThat(entry.get("seven_day_sonnet_resets_at").isNull()).isTrue();
        assertThat(entry.get("weekly_resets_at").asLong()).isEqualTo(BOUNDARY.getEpochSecond() + 86400);
        assertThat(entry.get("session_has_reset").booleanValue()).isTrue();
        assertThat(entry.at("/lifetime_usage/total_input_tokens").asLong()).isZero();
        assertThat(entry.has("session_utilization")).isFalse();
    }

    @Test
    void a_probe_adds_rounded_utilisation_and_the_raw_boundaries() {
        JsonNode body = JsonMapper.builder().build().readTree("""
                {"five_hour":{"utilization":41.6,"resets_at":"2026-07-26T17:40:57.123+00:00"},
                 "seven_day":{"utilization":3.2,"resets_at":null}}""");
        ObjectNode entry = CookieListing.entry(status, UsageProbe.fromJson(body));
        assertThat(entry.get("session_utilization").asLong()).isEqualTo(42);
        assertThat(entry.get("seven_day_utilization").asLong()).isEqualTo(3);
        assertThat(entry.get("seven_day_sonnet_utilization").asLong()).isZero();
        assertThat(entry.get("session_resets_at").stringValue()).isEqualTo("2026-07-26T17:40:57.123+00:00");
        assertThat(entry.get("seven_day_resets_at").isNull()).isTrue();
    }

    @Test
    void the_listing_groups_entries_and_shows_invalid_ones_with_their_reason() {
        PoolStatus pool = new PoolStatus(
                List.of(status),
                List.of(),
                List.of(),
                List.of(RetiredCookie.of(cookie(2), new Reason.TooManyRequest(1785087657))));
        ObjectNode listing = CookieListing.toJson(pool, Map.of());
        assertThat(listing.get("valid")).hasSize(1);
        assertThat(listing.get("exhausted")).isEmpty();
        assertThat(listing.get("disabled")).isEmpty();
        assertThat(listing.get("invalid").get(0).toString())
                .isEqualTo("{\"cookie\":\"" + cookie(2).value() + "\",\"reason\":{\"TooManyRequest\":1785087657}}");
    }
}
