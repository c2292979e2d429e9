package io.clewdr.provider.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void the_challenge_of_the_rfc_7636_verifier_is_the_documented_one() {
        assertThat(Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void a_fresh_pair_has_a_43_character_base64url_verifier_and_state_and_its_own_challenge() {
        Pkce pkce = Pkce.create(new SecureRandom());
        assertThat(pkce.verifier()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(pkce.state()).hasSize(43).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(pkce.verifier());
        assertThat(pkce.challenge()).isEqualTo(Pkce.challengeOf(pkce.verifier()));
        assertThat(pkce.toString()).doesNotContain(pkce.verifier());
    }

    @Test
    void form_fields_keep_their_order_and_use_standard_form_encoding() {
        byte[] body = FormBody.create()
                .add("grant_type", "authorization_code")
                .add("code", "a b+c/d=e")
                .add("state", "x~y*z.")
                .bytes();
        assertThat(new String(body, StandardCharsets.US_ASCII))
                .isEqualTo("grant_type=authorization_code&code=a+b%2Bc%2Fd%3De&state=x%7Ey*z.");
    }
}
