package io.clewdr.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final String COOKIE = "sk-ant-sid01-" + "a".repeat(86) + "-abcdefAA";

    @Test
    void session_cookies_tokens_and_keys_are_masked() {
        String line = "cookie " + COOKIE + " token sk-ant-oat01-" + "b".repeat(40) + " key AIzaSy" + "c".repeat(33);

        String redacted = Redactor.redact(line);

        assertThat(redacted)
                .doesNotContain(COOKIE)
                .doesNotContain("b".repeat(40))
                .doesNotContain("c".repeat(33));
        assertThat(redacted).contains("cookie sk-ant-sid01-").contains("...");
    }

    @Test
    void registered_passwords_are_masked() {
        String password = "pW7xK2mQ9rT4vY8zN3bC6dF5gH2jL9kP";
        Redactor.register(password);

        assertThat(Redactor.redact("Authorization failed for " + password + "!"))
                .doesNotContain(password)
                .startsWith("Authorization failed for pW7x...");
    }

    @Test
    void bearer_headers_are_masked() {
        assertThat(Redactor.redact("authorization: Bearer abcdefghijklmnopqrstuvwxyz012345"))
                .doesNotContain("abcdefghijklmnopqrstuvwxyz012345");
    }

    @Test
    void ordinary_text_is_unchanged() {
        assertThat(Redactor.redact("POST /v1/messages 200 12ms")).isEqualTo("POST /v1/messages 200 12ms");
    }
}
