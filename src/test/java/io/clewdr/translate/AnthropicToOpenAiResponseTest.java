package io.clewdr.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clewdr.testkit.OpenAiSchema;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class AnthropicToOpenAiResponseTest {

    private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochSecond(1_700_000_000));
    private static final OpenAiRequestContext CONTEXT = new OpenAiRequestContext("gpt-4o", false, false);

    private final AnthropicToOpenAiResponse translator =
            AnthropicToOpenAiResponse.create(CLOCK, () -> "chatcmpl-fresh");

    private ObjectNode translate(String message) {
        ObjectNode body = translator.translate(Json.of(message), CONTEXT);
        assertThat(OpenAiSchema.violations(OpenAiSchema.CHAT_COMPLETION, body)).isEmpty();
        return body;
    }

    @Test
    void a_text_message_becomes_a_complete_chat_completion() {
        ObjectNode body = translate("""
                {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"text","text":"Hello, "},{"type":"text","text":"world."}],
                 "stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":10,"output_tokens":5,"cache_read_input_tokens":100,
                          "cache_creation_input_tokens":20}}""");
        assertThat(Json.normal(body)).isEqualTo(Json.of("""
                {"id":"chatcmpl-msg_01","object":"chat.completion","created":1700000000,"model":"gpt-4o",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello, world.","refusal":null},
                             "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":130,"completion_tokens":5,"total_tokens":135,
                          "prompt_tokens_details":{"cached_tokens":100}}}"""));
    }

    @Test
    void thinking_becomes_reasoning_content_and_tool_use_becomes_tool_calls() {
        ObjectNode body = translate("""
                {"id":"msg_02","type":"message","role":"assistant","model":"m",
                 "content":[{"type":"thinking","thinking":"Need the weather.","signature":"sig"},
                            {"type":"redacted_thinking","data":"xxx"},
                            {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris","days":[1,2]}}],
                 "stop_reason":"tool_use","usage":{"input_tokens":3,"output_tokens":4}}""");
        JsonNode message = body.at("/choices/0/message");
        assertThat(message.get("content").isNull()).isTrue();
        assertThat(message.get("reasoning_content").stringValue()).isEqualTo("Need the weather.");
        assertThat(message.get("tool_calls")).isEqualTo(Json.of("""
                [{"id":"toolu_1","type":"function",
                  "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\",\\"days\\":[1,2]}"}}]"""));
        assertThat(body.at("/choices/0/finish_reason").stringValue()).isEqualTo("tool_calls");
    }

    @Test
    void reasoning_content_is_absent_without_thinking() {
        ObjectNode body = translate("""
                {"id":"msg_03","content":[{"type":"text","text":"x"}],"stop_reason":"end_turn"}""");
        assertThat(body.at("/choices/0/message").has("reasoning_content")).isFalse();
        assertThat(body.at("/choices/0/message").has("tool_calls")).isFalse();
        assertThat(body.has("usage")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "end_turn, stop",
        "stop_sequence, stop",
        "pause_turn, stop",
        "max_tokens, length",
        "model_context_window_exceeded, length",
        "tool_use, tool_calls",
        "refusal, content_filter",
        "some_future_reason, stop"
    })
    void stop_reasons_map_to_finish_reasons(String stopReason, String finishReason) {
        ObjectNode body = translate("{\"id\":\"msg\",\"content\":[],\"stop_reason\":\"" + stopReason + "\"}");
        assertThat(body.at("/choices/0/finish_reason").stringValue()).isEqualTo(finishReason);
    }

    @Test
    void a_message_without_id_gets_a_fresh_one_and_the_upstream_model_fills_an_empty_request_model() {
        ObjectNode body = translator.translate(
                Json.of("{\"model\":\"claude-x\",\"content\":[],\"stop_reason\":null}"),
                new OpenAiRequestContext(null, false, false));
        assertThat(body.get("id").stringValue()).isEqualTo("chatcmpl-fresh");
        assertThat(body.get("model").stringValue()).isEqualTo("claude-x");
        assertThat(body.at("/choices/0/finish_reason").stringValue()).isEqualTo("stop");
        assertThat(OpenAiSchema.violations(OpenAiSchema.CHAT_COMPLETION, body)).isEmpty();
        String random = AnthropicToOpenAiResponse.create(CLOCK)
                .translate(Json.of("{\"content\":[]}"), CONTEXT)
                .get("id")
                .stringValue();
        assertThat(random).matches("chatcmpl-[A-Za-z0-9]{24}");
    }

    @Test
    void a_body_that_is_not_a_message_is_refused() {
        assertThatThrownBy(() -> translator.translate(
                        Json.of("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"x\"}}"), CONTEXT))
                .isInstanceOf(TranslationException.class);
    }
}
