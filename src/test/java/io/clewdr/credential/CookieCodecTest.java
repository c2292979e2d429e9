package io.clewdr.credential;

import static io.clewdr.credential.Fixtures.raw;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.toml.TomlMapper;

class CookieCodecTest {

    private static final TomlMapper TOML = TomlMapper.builder().build();

    /** The cookie part of the example file, plus fields this version does not know. */
    private static final String EXAMPLE = """
            [[cookie_array]]
            cookie = "%s"
            reset_time = 1785087657
            count_tokens_allowed = true
            session_resets_at = 1785087657
            session_has_reset = true
            supports_claude_1m_sonnet = true
            [cookie_array.token]
            access_token = "sk-ant-oat01-aaa"
            expires_in = 28800
            refresh_token = "sk-ant-ort01-bbb"
            expires_at = 1785087657.25
            [cookie_array.token.organization]
            uuid = "org-uuid"
            [cookie_array.session_usage]
            total_input_tokens = 100
            total_output_tokens = 20
            sonnet_input_tokens = 100
            sonnet_output_tokens = 20
            opus_input_tokens = 0
            opus_output_tokens = 0
            [cookie_array.future_table]
            answer = 42

            [[cookie_array]]
            cookie = "%s"
            disabled = true

            [[wasted_cookie]]
            cookie = "%s"
            reason = "Free"

            [[wasted_cookie]]
            cookie = "%s"
            reason = { TooManyRequest = 1785087657 }
            note = "kept"
            """.formatted(raw(1), raw(2), raw(3), raw(4));

    private static CookieCodec.Loaded load(String toml) {
        JsonNode root = TOML.readTree(toml);
        return CookieCodec.decodeAll(root.get(CookieCodec.COOKIE_ARRAY), root.get(CookieCodec.WASTED_COOKIE));
    }

    @Test
    void the_example_file_loads_with_every_field() {
        CookieCodec.Loaded loaded = load(EXAMPLE);
        assertThat(loaded.problems()).isEmpty();
        CookieStatus first = loaded.snapshot().cookies().getFirst();
        assertThat(first.cookie().value()).isEqualTo(raw(1));
        assertThat(first.resetTime()).contains(Instant.ofEpochSecond(1785087657));
        assertThat(first.countTokensAllowed()).contains(true);
        assertThat(first.resetsAt(UsageWindow.SESSION)).contains(Instant.ofEpochSecond(1785087657));
        assertThat(first.hasReset(UsageWindow.SESSION)).contains(true);
        assertThat(first.hasReset(UsageWindow.WEEKLY)).isEmpty();
        assertThat(first.usage(UsageWindow.SESSION)).isEqualTo(new UsageBreakdown(100, 20, 100, 20, 0, 0));
        assertThat(first.token().orElseThrow().expiresAt()).isEqualTo(Instant.ofEpochSecond(1785087657, 250_000_000));
        assertThat(first.token().orElseThrow().organizationUuid()).isEqualTo("org-uuid");
        assertThat(first.disabled()).isFalse();
        assertThat(loaded.snapshot().cookies().get(1).disabled()).isTrue();
        assertThat(loaded.snapshot().retired())
                .extracting(RetiredCookie::reason)
                .containsExactly(new Reason.Free(), new Reason.TooManyRequest(1785087657));
    }

    @Test
    void a_round_trip_through_toml_keeps_every_field_and_unknown_fields() {
        CookieCodec.Loaded loaded = load(EXAMPLE);
        String written = TOML.writeValueAsString(CookieCodec.encodeAll(loaded.snapshot()));
        CookieCodec.Loaded again = load(written);
        assertThat(again.snapshot()).isEqualTo(loaded.snapshot());
        JsonNode entry = TOML.readTree(written).get(CookieCodec.COOKIE_ARRAY).get(0);
        assertThat(entry.get("supports_claude_1m_sonnet").booleanValue()).isTrue();
        assertThat(entry.at("/future_table/answer").asInt()).isEqualTo(42);
        assertThat(TOML.readTree(written).at("/wasted_cookie/1/note").stringValue())
                .isEqualTo("kept");
    }

    @Test
    void absent_optionals_are_omitted_and_new_flags_written_only_when_set() {
        ObjectNode plain = CookieCodec.encode(CookieStatus.of(Fixtures.cookie(5)));
        assertThat(plain.has("reset_time")).isFalse();
        assertThat(plain.has("token")).isFalse();
        assertThat(plain.has("count_tokens_allowed")).isFalse();
        assertThat(plain.has("session_has_reset")).isFalse();
        assertThat(plain.has("disabled")).isFalse();
        assertThat(plain.has("code_unusable")).isFalse();
        assertThat(plain.has("session_usage")).isTrue();

        ObjectNode flagged = CookieCodec.encode(CookieStatus.builder(Fixtures.cookie(5))
                .disabled(true)
                .codeUnusable(true)
                .build());
        assertThat(flagged.get("disabled").booleanValue()).isTrue();
        assertThat(flagged.get("code_unusable").booleanValue()).isTrue();
        assertThat(CookieCodec.decode(flagged).codeUnusable()).isTrue();
    }

    @Test
    void a_malformed_entry_is_reported_and_skipped_while_the_rest_load() {
        String toml = """
                [[cookie_array]]
                cookie = "not a cookie at all"

                [[cookie_array]]
                cookie = "%s"

                [[cookie_array]]
                cookie = "%s"
                reset_time = "tomorrow"

                [[wasted_cookie]]
                cookie = "%s"
                reason = "Sleepy"
                """.formatted(raw(1), raw(2), raw(3));
        CookieCodec.Loaded loaded = load(toml);
        assertThat(loaded.snapshot().cookies())
                .extracting(s -> s.cookie().value())
                .containsExactly(raw(1));
        assertThat(loaded.snapshot().retired()).isEmpty();
        assertThat(loaded.problems())
                .containsExactly(
                        "cookie_array[0]: Invalid cookie format",
                        "cookie_array[2]: reset_time: expected epoch seconds",
                        "wasted_cookie[0]: reason: unknown variant Sleepy");
        assertThat(String.join("\n", loaded.problems())).doesNotContain(raw(2)).doesNotContain(raw(3));
    }

    @Test
    void missing_arrays_load_as_empty() {
        CookieCodec.Loaded loaded = CookieCodec.decodeAll(null, null);
        assertThat(loaded.snapshot()).isEqualTo(PoolSnapshot.EMPTY);
        assertThat(loaded.problems()).isEmpty();
    }
}
