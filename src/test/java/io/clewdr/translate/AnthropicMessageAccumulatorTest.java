package io.clewdr.translate;

import static io.clewdr.translate.AnthropicEvents.blockStop;
import static io.clewdr.translate.AnthropicEvents.json;
import static io.clewdr.translate.AnthropicEvents.messageDelta;
import static io.clewdr.translate.AnthropicEvents.messageStart;
import static io.clewdr.translate.AnthropicEvents.messageStop;
import static io.clewdr.translate.AnthropicEvents.ping;
import static io.clewdr.translate.AnthropicEvents.textDelta;
import static io.clewdr.translate.AnthropicEvents.textStart;
import static io.clewdr.translate.AnthropicEvents.thinkingDelta;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class AnthropicMessageAccumulatorTest {

    private static void feed(AnthropicMessageAccumulator acc, JsonNode... events) {
        for (JsonNode event : events) {
            acc.onEvent(event.path("type").asString(), event);
        }
    }

    private static AnthropicMessageAccumulator fullStream() {
        AnthropicMessageAccumulator acc = AnthropicMessageAccumulator.create();
        feed(
                acc,
                messageStart(25),
                ping(),
                json("{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}"),
                thinkingDelta(0, "Let me "),
                thinkingDelta(0, "think."),
                json("{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig==\"}}"),
                blockStop(0),
                textStart(1),
                textDelta(1, "Hello"),
                textDelta(1, ", world"),
                blockStop(1),
                json("{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\","
                        + "\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}"),
                json("{\"type\":\"content_block_delta\",\"index\":2,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}"),
                json("{\"type\":\"content_block_delta\",\"index\":2,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Par\"}}"),
                json("{\"type\":\"content_block_delta\",\"index\":2,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"is\\\"}\"}}"),
                blockStop(2),
                json("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},"
                        + "\"usage\":{\"output_tokens\":57}}"),
                messageStop());
        return acc;
    }

    @Test
    void a_stream_with_thinking_text_and_a_tool_call_becomes_the_complete_message() {
        ObjectNode message = fullStream().message();

        assertThat(message)
                .isEqualTo(json("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                        + "\"model\":\"claude-opus-4-7\",\"content\":["
                        + "{\"type\":\"thinking\",\"thinking\":\"Let me think.\",\"signature\":\"sig==\"},"
                        + "{\"type\":\"text\",\"text\":\"Hello, world\"},"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}],"
                        + "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":25,\"output_tokens\":57}}"));
    }

    @Test
    void the_accumulator_reports_usage_text_and_completion() {
        AnthropicMessageAccumulator acc = fullStream();

        assertThat(acc.complete()).isTrue();
        assertThat(acc.reportedInputTokens()).hasValue(25);
        assertThat(acc.reportedOutputTokens()).hasValue(57);
        assertThat(acc.outputText()).isEqualTo("Let me think.Hello, world{\"city\": \"Paris\"}");
        assertThat(acc.error()).isEmpty();
    }

    @Test
    void a_stream_without_message_stop_is_reported_as_cut() {
        AnthropicMessageAccumulator acc = AnthropicMessageAccumulator.create();
        feed(acc, messageStart(3), textStart(0), textDelta(0, "partial"));

        assertThat(acc.complete()).isFalse();
        assertThat(acc.reportedOutputTokens()).isEmpty();
        assertThat(acc.message().at("/content/0/text").asString()).isEqualTo("partial");
        assertThat(acc.message().get("stop_reason").isNull()).isTrue();
    }

    @Test
    void blocks_are_ordered_by_index_and_other_blocks_are_kept_as_given() {
        AnthropicMessageAccumulator acc = AnthropicMessageAccumulator.create();
        ObjectNode redacted = json("{\"type\":\"redacted_thinking\",\"data\":\"xyz\"}");
        feed(
                acc,
                messageStart(1),
                json(
                        "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                json("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":" + redacted + "}"),
                textDelta(1, "after"));

        assertThat(acc.message().get("content"))
                .containsExactly(redacted, json("{\"type\":\"text\",\"text\":\"after\"}"));
    }

    @Test
    void a_stop_sequence_and_cumulative_usage_come_from_the_last_message_delta() {
        AnthropicMessageAccumulator acc = AnthropicMessageAccumulator.create();
        ObjectNode last = json("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"stop_sequence\","
                + "\"stop_sequence\":\"END\"},\"usage\":{\"output_tokens\":12,\"cache_read_input_tokens\":4}}");
        feed(acc, messageStart(9), messageDelta("end_turn", 5), last, messageStop());

        ObjectNode message = acc.message();
        assertThat(message.get("stop_reason").asString()).isEqualTo("stop_sequence");
        assertThat(message.get("stop_sequence").asString()).isEqualTo("END");
        assertThat(message.get("usage"))
                .isEqualTo(json("{\"input_tokens\":9,\"output_tokens\":12,\"cache_read_input_tokens\":4}"));
    }

    @Test
    void an_error_event_is_exposed() {
        AnthropicMessageAccumulator acc = AnthropicMessageAccumulator.create();
        feed(
                acc,
                messageStart(1),
                json("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"x\"}}"));

        assertThat(acc.error())
                .hasValueSatisfying(e -> assertThat(e.path("type").asString()).isEqualTo("overloaded_error"));
        assertThat(acc.complete()).isFalse();
    }

    @Test
    void a_cut_tool_input_keeps_the_input_it_started_with() {
        AnthropicMessageAccumulator acc = AnthropicMessageAccumulator.create();
        feed(
                acc,
                messageStart(1),
                json("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\","
                        + "\"id\":\"t\",\"name\":\"n\",\"input\":{}}}"),
                json("{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\":\"}}"));

        assertThat(acc.message().at("/content/0/input")).isEqualTo(json("{}"));
    }
}
