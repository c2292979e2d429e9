package io.clewdr.translate;

import static io.clewdr.translate.AnthropicEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class TestMessageTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "{\"model\":\"m\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]}"
            })
    void a_lone_non_streaming_user_hi_is_the_test_message(String request) {
        assertThat(TestMessage.matches(json(request))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "{\"messages\":[{\"role\":\"assistant\",\"content\":\"Hi\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hi\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"},"
                        + "{\"type\":\"text\",\"text\":\"Hi\"}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"text\":\"Hi\"}]}]}",
                "{\"messages\":[]}",
                "{}"
            })
    void anything_else_is_a_real_request(String request) {
        assertThat(TestMessage.matches(json(request))).isFalse();
    }

    @Test
    void the_reply_is_a_complete_message_for_the_requested_model() {
        ObjectNode reply = TestMessage.reply("claude-opus-4-7", "msg_x");

        assertThat(reply)
                .isEqualTo(
                        json(
                                "{\"id\":\"msg_x\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-opus-4-7\","
                                        + "\"content\":[{\"type\":\"text\",\"text\":\"Claude Reverse Proxy is working, please send a real message.\"}],"
                                        + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,\"output_tokens\":0}}"));
        assertThat(TestMessage.reply("m").get("id").asString())
                .startsWith("msg_")
                .isNotEqualTo(TestMessage.reply("m").get("id").asString());
    }
}
