package io.clewdr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenAiSchemaTest {

    @Test
    void a_valid_chunk_has_no_violations_and_a_null_finish_reason_is_allowed() {
        String chunk = """
                {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m",
                 "choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,
                 "finish_reason":null}],"usage":null}""";
        assertThat(OpenAiSchema.violations(OpenAiSchema.CHAT_COMPLETION_CHUNK, chunk))
                .isEmpty();
    }

    @Test
    void a_chunk_without_id_or_with_a_bad_finish_reason_is_reported() {
        String chunk = """
                {"object":"chat.completion.chunk","created":1,"model":"m",
                 "choices":[{"index":0,"delta":{},"finish_reason":"done"}]}""";
        assertThat(OpenAiSchema.violations(OpenAiSchema.CHAT_COMPLETION_CHUNK, chunk))
                .anySatisfy(v -> assertThat(v).contains("id"))
                .anySatisfy(v -> assertThat(v).contains("finish_reason"));
    }

    @Test
    void error_bodies_and_model_lists_are_checked_too() {
        assertThat(OpenAiSchema.violations(
                        OpenAiSchema.ERROR,
                        "{\"error\":{\"message\":\"m\",\"type\":\"t\",\"param\":null,\"code\":null}}"))
                .isEmpty();
        assertThat(OpenAiSchema.violations(OpenAiSchema.ERROR, "{\"error\":{\"message\":\"m\"}}"))
                .isNotEmpty();
        assertThat(
                        OpenAiSchema.violations(
                                OpenAiSchema.MODEL_LIST,
                                "{\"object\":\"list\",\"data\":[{\"id\":\"claude\",\"object\":\"model\",\"created\":1,\"owned_by\":\"anthropic\"}]}"))
                .isEmpty();
    }

    @Test
    void a_completion_missing_its_message_is_reported() {
        String body = """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m",
                 "choices":[{"index":0,"logprobs":null,"finish_reason":"stop"}]}""";
        assertThat(OpenAiSchema.violations(OpenAiSchema.CHAT_COMPLETION, body))
                .anySatisfy(v -> assertThat(v).contains("message"));
    }
}
