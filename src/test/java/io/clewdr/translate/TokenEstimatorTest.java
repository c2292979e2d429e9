package io.clewdr.translate;

import static io.clewdr.translate.AnthropicEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

    @Test
    void an_estimate_is_positive_and_grows_with_the_text() {
        long short_ = TokenEstimator.output("Hello there");
        long long_ = TokenEstimator.output("Hello there, this is a much longer sentence with many more words in it.");

        assertThat(short_).isPositive();
        assertThat(long_).isGreaterThan(short_);
        assertThat(TokenEstimator.output("")).isZero();
    }

    @Test
    void special_token_markers_are_counted_as_text() {
        assertThat(TokenEstimator.output("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void the_input_estimate_counts_the_system_and_every_message_text() {
        long bare =
                TokenEstimator.input(json("{\"messages\":[{\"role\":\"user\",\"content\":\"What is the weather?\"}]}"));
        long withSystem = TokenEstimator.input(json("{\"system\":[{\"type\":\"text\",\"text\":\"You are a helpful"
                + " assistant.\"}],\"messages\":[{\"role\":\"user\",\"content\":\"What is the weather?\"}]}"));
        long withHistory = TokenEstimator.input(json("{\"system\":\"You are a helpful assistant.\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"What is the weather?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Sunny and warm today.\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"data\":\"AAAA\"}}]}]}"));

        assertThat(bare).isPositive();
        assertThat(withSystem).isGreaterThan(bare);
        assertThat(withHistory).isGreaterThan(withSystem);
    }

    @Test
    void message_texts_are_joined_with_newlines_and_blocks_concatenated() {
        assertThat(TokenEstimator.messageTexts(
                        json("{\"m\":[{\"content\":\"a\"},{\"content\":[{\"type\":\"text\",\"text\":\"b\"},"
                                        + "{\"type\":\"tool_use\"},{\"type\":\"text\",\"text\":\"c\"}]}]}")
                                .get("m")))
                .isEqualTo("a\nbc");
        assertThat(TokenEstimator.systemText(json("{\"s\":[{\"type\":\"text\",\"text\":\"x\"},{\"text\":\"y\"}]}")
                        .get("s")))
                .isEqualTo("xy");
    }

    @Test
    void the_output_estimate_of_a_message_counts_its_generated_blocks() {
        long text = TokenEstimator.output(
                json("{\"content\":[{\"type\":\"text\",\"text\":\"Hello world, how are you\"}]}"));
        long more = TokenEstimator.output(json("{\"content\":[{\"type\":\"thinking\",\"thinking\":\"Hmm, let me see\"},"
                + "{\"type\":\"text\",\"text\":\"Hello world, how are you\"}]}"));

        assertThat(text).isPositive();
        assertThat(more).isGreaterThan(text);
    }
}
