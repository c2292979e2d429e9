package io.clewdr.credential;

import static io.clewdr.credential.Fixtures.body;
import static io.clewdr.credential.Fixtures.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClewdrCookieTest {

    @Test
    void a_full_cookie_is_kept_as_is() {
        assertThat(ClewdrCookie.from(raw(1)).value()).isEqualTo(raw(1));
    }

    @Test
    void a_bare_base_cookie_is_accepted_whole() {
        String base = body(7, 100);
        assertThat(ClewdrCookie.from(base).value()).isEqualTo(base);
    }

    @Test
    void the_sessionKey_prefix_quotes_semicolons_and_spaces_are_stripped() {
        String pasted = "  \"sessionKey=" + raw(2) + "; \"  ";
        assertThat(ClewdrCookie.from(pasted).value()).isEqualTo(raw(2));
        assertThat(ClewdrCookie.from("sessionKey = '" + raw(2) + "'").value()).isEqualTo(raw(2));
    }

    @Test
    void the_full_pattern_is_found_inside_surrounding_text() {
        assertThat(ClewdrCookie.from("foo bar " + raw(3) + " ; path=/").value()).isEqualTo(raw(3));
    }

    @Test
    void middle_parts_of_86_and_120_characters_are_the_limits() {
        assertThat(ClewdrCookie.from("sk-ant-sid01-" + body(1, 120)).value()).hasSize(13 + 120 + 9);
        assertThat(ClewdrCookie.from(body(1, 86)).value()).hasSize(86 + 9);
    }

    @Test
    void a_too_short_cookie_is_rejected() {
        assertThatThrownBy(() -> ClewdrCookie.from("sk-ant-sid01-" + body(1, 60)))
                .isInstanceOf(InvalidCookieException.class)
                .hasMessage("Invalid cookie format");
        assertThatThrownBy(() -> ClewdrCookie.from(body(1, 85))).hasMessage("Invalid cookie format");
    }

    @Test
    void a_too_long_bare_cookie_is_rejected() {
        assertThatThrownBy(() -> ClewdrCookie.from(body(1, 121))).hasMessage("Invalid cookie format");
    }

    @Test
    void a_cookie_without_the_AA_suffix_or_the_six_char_tail_is_rejected() {
        assertThatThrownBy(() -> ClewdrCookie.from(raw(1).replace("AA", "BB"))).hasMessage("Invalid cookie format");
        assertThatThrownBy(() -> ClewdrCookie.from("sk-ant-sid01-" + "x".repeat(90) + "-abcAA"))
                .hasMessage("Invalid cookie format");
        assertThatThrownBy(() -> ClewdrCookie.from("")).hasMessage("Invalid cookie format");
    }

    @Test
    void the_error_message_never_contains_the_input() {
        String secret = "sk-ant-sid01-" + "s".repeat(40) + "SECRET";
        assertThatThrownBy(() -> ClewdrCookie.from(secret)).hasMessageNotContaining("SECRET");
    }

    @Test
    void cookies_with_the_same_value_are_equal() {
        assertThat(ClewdrCookie.from("sessionKey=" + raw(4))).isEqualTo(ClewdrCookie.from(raw(4)));
        assertThat(ClewdrCookie.from(raw(4))).isNotEqualTo(ClewdrCookie.from(raw(5)));
    }

    @Test
    void masking_shows_only_the_first_twenty_characters() {
        ClewdrCookie cookie = ClewdrCookie.from(raw(1));
        assertThat(cookie.masked()).isEqualTo(raw(1).substring(0, 20) + "...");
        assertThat(cookie.toString()).isEqualTo(cookie.masked()).doesNotContain("abcdefAA");
    }

    @Test
    void the_header_value_carries_the_sessionKey_prefix() {
        assertThat(ClewdrCookie.from(raw(1)).headerValue()).isEqualTo("sessionKey=" + raw(1));
    }
}
