package io.clewdr.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomPasswordTest {
    @Test
    void a_password_is_64_characters_of_the_57_character_alphabet() {
        assertThat(RandomPassword.ALPHABET).hasSize(57);
        assertThat(RandomPassword.ALPHABET.chars().distinct().count()).isEqualTo(57);
        for (int i = 0; i < 200; i++) {
            String password = RandomPassword.generate();
            assertThat(password).hasSize(64);
            assertThat(password.chars()).allMatch(c -> RandomPassword.ALPHABET.indexOf(c) >= 0);
        }
    }

    @Test
    void confusable_glyphs_never_appear() {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            all.append(RandomPassword.generate());
        }
        assertThat(all.toString()).doesNotContain("0", "1", "l", "I", "O");
    }

    @Test
    void every_alphabet_character_is_reachable_and_passwords_are_unique() {
        Set<String> seen = new HashSet<>();
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String password = RandomPassword.generate();
            seen.add(password);
            password.chars().forEach(c -> used.add((char) c));
        }
        assertThat(seen).hasSize(1000);
        assertThat(used).hasSize(57);
    }

    @Test
    void bytes_of_228_and_above_are_rejected_to_avoid_modulo_bias() {
        // scripted source: every byte first 228..255 (all rejected), then 0, 56, 57, 227
        Random scripted = new Random() {
            private static final long serialVersionUID = 1L;
            private int call;

            @Override
            public void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (call == 0 ? 228 + i % 28 : new int[] {0, 56, 57, 227}[i % 4]);
                }
                call++;
            }
        };

        String password = RandomPassword.generate(scripted);

        // 0 -> '2', 56 -> 'Z', 57 -> '2' (57 mod 57), 227 -> 'Z' (227 mod 57 = 56)
        assertThat(password).isEqualTo("2Z2Z".repeat(16));
    }
}
