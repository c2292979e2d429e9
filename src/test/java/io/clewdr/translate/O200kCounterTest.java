package io.clewdr.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our compact {@code o200k_base} counter against jtokkit's encoder, the reference implementation of
 * the same encoding: every count must be equal, on hand-picked texts and on random mixtures of
 * scripts, whitespace, digits, punctuation and emoji.
 */
class O200kCounterTest {
    private static O200kCounter counter;
    private static Encoding reference;

    @BeforeAll
    static void load() {
        counter = O200kCounter.load();
        reference = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    @Test
    void hand_picked_texts_count_as_the_reference_counts_them() {
        List<String> texts = List.of(
                "",
                "a",
                "Hello, world!",
                "Hello there, this is a much longer sentence with many more words in it.",
                "I'm sure they'll say we'd've DONE IT'S fine, O'Neil's",
                "12345678901234567890 3.14159 1,000,000",
                "  leading and trailing   \n\n\n  \t\tindented\r\n\r\nline  ",
                "<|endoftext|> <|im_start|>user",
                "def f(x):\n    return {\"a\": [1, 2, 3], 'b': x ** 2}  # comment\n",
                "Привет, мир! Ünïcödé façade naïve coöperate",
                "日本語のテキストと中文文本，还有한국어 텍스트。",
                "emoji 😀👍🏽 family 👨‍👩‍👧‍👦 flags 🇩🇪🇯🇵",
                "combining: e\u0301 a\u0308 n\u0303 and nbsp\u00a0between\u3000ideographic",
                "a".repeat(300),
                "ab".repeat(400) + " " + "xyz".repeat(150),
                "=".repeat(200) + "\n" + "-".repeat(129),
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
                "https://example.com/path/to/page?query=value&other=1#frag",
                "unpaired \ud800 surrogate");
        for (String text : texts) {
            assertThat(counter.count(text)).as(text).isEqualTo(reference.countTokensOrdinary(text));
        }
    }

    @Test
    void random_mixtures_count_as_the_reference_counts_them() {
        String[] alphabet = {
            "a",
            "b",
            "e",
            "s",
            "t",
            "A",
            "Z",
            "'",
            "'s",
            "'LL",
            "0",
            "7",
            "42",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            ".",
            ",",
            "!",
            "?",
            "/",
            "-",
            "_",
            "(",
            ")",
            "{",
            "\"",
            "é",
            "ß",
            "ж",
            "Ж",
            "中",
            "文",
            "の",
            "한",
            "😀",
            "👍🏽",
            "\u0301",
            "\u00a0",
            "\u3000",
            "\u2028",
            "λ",
            "Ω",
            "١",
            "Ⅻ",
            "ǅ",
            "ʰ",
            "<|endoftext|>",
            "://",
            "==",
            "+"
        };
        Random random = new Random(20261203L);
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(round % 10 == 0 ? 400 : 40);
            for (int i = 0; i < length; i++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = text.toString();
            assertThat(counter.count(s)).as("round %d: %s", round, s).isEqualTo(reference.countTokensOrdinary(s));
        }
    }

    @Test
    void a_piece_of_megabytes_is_counted_in_slices_within_a_token_per_slice() {
        String text = "bcdfghjklmnpqrstvwxz".repeat(15_000); // 300 KB of one letter run
        long slices = (text.length() + O200kCounter.LONG_PIECE - 1) / O200kCounter.LONG_PIECE;

        assertThat(counter.count(text)).isCloseTo(reference.countTokensOrdinary(text), within(slices));
    }

    @Test
    void a_long_piece_of_one_letter_takes_the_queue_path_and_counts_the_same() {
        String text = "q".repeat(20_000) + "wertyuiop".repeat(500);

        assertThat(counter.count(text)).isEqualTo(reference.countTokensOrdinary(text));
    }
}
