package io.clewdr.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class OpenAiToAnthropicRequestTest {

    private final OpenAiToAnthropicRequest translator = OpenAiToAnthropicRequest.create();

    private ObjectNode translate(String json) {
        return translator.translate(Json.of(json)).body();
    }

    @Test
    void system_and_developer_messages_anywhere_become_the_system_array_and_same_roles_merge() {
        ObjectNode out = translate("""
                {"model":"m","messages":[
                  {"role":"system","content":"Be brief."},
                  {"role":"user","content":"hi"},
                  {"role":"developer","content":[{"type":"text","text":"Answer in French."},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]},
                  {"role":"user","content":[{"type":"text","text":"again"}]},
                  {"role":"assistant","content":"salut"},
                  {"role":"assistant","content":""},
                  {"role":"system","content":"Late system."}
                ]}""");
        assertThat(out.get("system")).isEqualTo(Json.of("""
                [{"type":"text","text":"Be brief."},{"type":"text","text":"Answer in French."},
                 {"type":"text","text":"Late system."}]"""));
        assertThat(out.get("messages")).isEqualTo(Json.of("""
                [{"role":"user","content":[{"type":"text","text":"hi"},{"type":"text","text":"again"}]},
                 {"role":"assistant","content":[{"type":"text","text":"salut"}]}]"""));
        assertThat(out.get("model").stringValue()).isEqualTo("m");
    }

    @Test
    void a_request_without_system_messages_has_no_system_field() {
        assertThat(translate("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                        .has("system"))
                .isFalse();
    }

    @Test
    void images_become_base64_or_url_sources_and_unusable_ones_are_dropped() {
        ObjectNode out = translate("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"image_url","image_url":{"url":"data:image/jpg;base64,AAAA"}},
                  {"type":"image_url","image_url":{"url":"data:IMAGE/PNG;charset=x;base64,BBBB","detail":"high"}},
                  {"type":"image_url","image_url":{"url":"https://example.com/cat.webp"}},
                  {"type":"image_url","image_url":{"url":"data:application/pdf;base64,CCCC"}},
                  {"type":"image_url","image_url":{"url":"ftp://example.com/cat.png"}},
                  {"type":"input_audio","input_audio":{"data":"x","format":"mp3"}},
                  {"type":"text","text":"what is this?"}
                ]}]}""");
        assertThat(out.at("/messages/0/content")).isEqualTo(Json.of("""
                [{"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"AAAA"}},
                 {"type":"image","source":{"type":"base64","media_type":"image/png","data":"BBBB"}},
                 {"type":"image","source":{"type":"url","url":"https://example.com/cat.webp"}},
                 {"type":"text","text":"what is this?"}]"""));
    }

    @Test
    void stop_as_a_string_or_an_array_becomes_stop_sequences_without_blank_entries() {
        assertThat(translate("{\"model\":\"m\",\"messages\":[],\"stop\":\"END\"}")
                        .get("stop_sequences"))
                .isEqualTo(Json.of("[\"END\"]"));
        assertThat(translate("{\"model\":\"m\",\"messages\":[],\"stop\":[\"a\",\" \",\"\\n\",\"b\"]}")
                        .get("stop_sequences"))
                .isEqualTo(Json.of("[\"a\",\"b\"]"));
        assertThat(translate("{\"model\":\"m\",\"messages\":[],\"stop\":[\"  \"]}")
                        .has("stop_sequences"))
                .isFalse();
        assertThatThrownBy(() -> translate("{\"model\":\"m\",\"messages\":[],\"stop\":[1]}"))
                .isInstanceOf(TranslationException.class)
                .extracting(e -> ((TranslationException) e).param())
                .isEqualTo("stop");
    }

    @Test
    void more_than_one_choice_is_refused_naming_n() {
        assertThatThrownBy(() -> translate("{\"model\":\"m\",\"messages\":[],\"n\":2}"))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("n: 2")
                .hasMessageContaining("expected: 1")
                .extracting(e -> ((TranslationException) e).param())
                .isEqualTo("n");
        assertThat(translate("{\"model\":\"m\",\"messages\":[],\"n\":1}").has("n"))
                .isFalse();
    }

    @Test
    void max_tokens_falls_back_to_max_completion_tokens_then_8192() {
        assertThat(translate("{\"messages\":[],\"max_tokens\":100,\"max_completion_tokens\":200}")
                        .get("max_tokens")
                        .asInt())
                .isEqualTo(100);
        assertThat(translate("{\"messages\":[],\"max_completion_tokens\":200}")
                        .get("max_tokens")
                        .asInt())
                .isEqualTo(200);
        assertThat(translate("{\"messages\":[]}").get("max_tokens").asInt()).isEqualTo(8192);
        assertThatThrownBy(() -> translate("{\"messages\":[],\"max_tokens\":0}"))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("max_tokens");
    }

    @ParameterizedTest
    @CsvSource({
        "none, 1024, low",
        "minimal, 1024, low",
        "low, 2048, low",
        "medium, 4096, medium",
        "high, 16384, high",
        "xhigh, 32768, xhigh",
        "max, 65536, max"
    })
    void reasoning_effort_sets_a_thinking_budget_and_an_output_effort(String effort, int budget, String anthropic) {
        ObjectNode out = translate("{\"messages\":[],\"reasoning_effort\":\"" + effort + "\"}");
        assertThat(out.get("thinking")).isEqualTo(Json.of("{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}"));
        assertThat(out.get("output_config")).isEqualTo(Json.of("{\"effort\":\"" + anthropic + "\"}"));
    }

    @Test
    void an_anthropic_thinking_wins_over_reasoning_effort_for_the_budget() {
        ObjectNode out = translate("""
                {"messages":[],"reasoning_effort":"high","thinking":{"type":"adaptive"}}""");
        assertThat(out.get("thinking")).isEqualTo(Json.of("{\"type\":\"adaptive\"}"));
        assertThat(out.at("/output_config/effort").stringValue()).isEqualTo("high");
        assertThatThrownBy(() -> translate("{\"messages\":[],\"reasoning_effort\":\"huge\"}"))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("reasoning_effort");
        assertThat(translate("{\"messages\":[]}").has("thinking")).isFalse();
    }

    @Test
    void sampling_stream_and_user_are_carried_and_unknown_fields_ignored() {
        AnthropicRequest request = translator.translate(Json.of("""
                {"model":"gpt-4o","messages":[],"temperature":0.5,"top_p":0.9,"top_k":40,"stream":true,
                 "stream_options":{"include_usage":true},"user":"user-123","seed":1,"logit_bias":{"1":2},
                 "response_format":{"type":"json_object"},"frequency_penalty":0.1}"""));
        assertThat(request.body()).isEqualTo(Json.of("""
                {"model":"gpt-4o","max_tokens":8192,"messages":[],"temperature":0.5,"top_p":0.9,"top_k":40,
                 "metadata":{"user_id":"user-123"},"stream":true}"""));
        assertThat(request.context()).isEqualTo(new OpenAiRequestContext("gpt-4o", true, true));
    }

    @Test
    void a_temperature_above_anthropics_range_is_capped_at_one() {
        assertThat(translate("{\"messages\":[],\"temperature\":1.7}")
                        .get("temperature")
                        .asDouble())
                .isEqualTo(1.0);
        assertThat(translate("{\"messages\":[],\"temperature\":0}")
                        .get("temperature")
                        .asDouble())
                .isEqualTo(0.0);
    }

    @Test
    void an_e_mail_as_user_is_not_sent_and_metadata_user_id_is_preferred() {
        assertThat(translate("{\"messages\":[],\"user\":\"a@b.c\"}").has("metadata"))
                .isFalse();
        assertThat(translate("{\"messages\":[],\"user\":\"u\",\"metadata\":{\"user_id\":\"m\",\"x\":\"y\"}}")
                        .get("metadata"))
                .isEqualTo(Json.of("{\"user_id\":\"m\"}"));
        AnthropicRequest plain = translator.translate(
                Json.of("{\"model\":\"m\",\"messages\":[],\"stream_options\":{\"include_usage\":true}}"));
        assertThat(plain.context()).isEqualTo(new OpenAiRequestContext("m", false, false));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"auto\"                                          | {\"type\":\"auto\"}",
                "\"required\"                                      | {\"type\":\"any\"}",
                "\"none\"                                          | {\"type\":\"none\"}",
                "{\"type\":\"function\",\"function\":{\"name\":\"f\"}} | {\"type\":\"tool\",\"name\":\"f\"}",
                "{\"type\":\"any\"}                                | {\"type\":\"any\"}"
            })
    void tool_choice_follows_the_translation_table(String openAi, String anthropic) {
        ObjectNode out = translate("{\"messages\":[],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                + "\"tool_choice\":" + openAi + "}");
        assertThat(out.get("tool_choice")).isEqualTo(Json.of(anthropic));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "                                                  | {\"type\":\"auto\",\"disable_parallel_tool_use\":true}",
                "\"required\"                                      | {\"type\":\"any\",\"disable_parallel_tool_use\":true}",
                "{\"type\":\"function\",\"function\":{\"name\":\"f\"}} | {\"type\":\"tool\",\"name\":\"f\",\"disable_parallel_tool_use\":true}",
                "\"none\"                                          | {\"type\":\"none\"}"
            })
    void parallel_tool_calls_false_disables_parallel_use_except_for_none(String openAi, String anthropic) {
        String choice = openAi == null ? "" : ",\"tool_choice\":" + openAi;
        ObjectNode out = translate("{\"messages\":[],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                + "\"parallel_tool_calls\":false" + choice + "}");
        assertThat(out.get("tool_choice")).isEqualTo(Json.of(anthropic));
    }

    @Test
    void without_tools_there_is_no_tool_choice_and_unknown_choices_are_refused() {
        assertThat(translate("{\"messages\":[],\"tool_choice\":\"required\",\"parallel_tool_calls\":false}")
                        .has("tool_choice"))
                .isFalse();
        assertThatThrownBy(
                        () -> translate(
                                "{\"messages\":[],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":\"sometimes\"}"))
                .isInstanceOf(TranslationException.class)
                .extracting(e -> ((TranslationException) e).param())
                .isEqualTo("tool_choice");
    }

    @Test
    void a_multi_turn_tool_conversation_becomes_tool_use_and_tool_result_blocks() {
        JsonNode out = translator
                .translate(Json.fixture("tool_conversation.openai.json"))
                .body();
        assertThat(out).isEqualTo(Json.fixture("tool_conversation.anthropic.json"));
    }

    @Test
    void flattened_tools_become_readable_text_and_tool_definitions_are_dropped() {
        JsonNode out = OpenAiToAnthropicRequest.create(OpenAiToAnthropicRequest.ToolHandling.FLATTEN_TO_TEXT)
                .translate(Json.fixture("tool_conversation.openai.json"))
                .body();
        assertThat(out).isEqualTo(Json.fixture("tool_conversation.flattened.json"));
    }

    @Test
    void unparseable_tool_arguments_fail_naming_the_call() {
        assertThatThrownBy(() -> translate("""
                {"messages":[{"role":"assistant","tool_calls":[
                  {"id":"c","type":"function","function":{"name":"f","arguments":"{\\"city\\": "}}]}]}"""))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("not valid JSON")
                .extracting(e -> ((TranslationException) e).param())
                .isEqualTo("messages[0].tool_calls[0].function.arguments");
        assertThatThrownBy(() -> translate("""
                {"messages":[{"role":"assistant","tool_calls":[
                  {"id":"c","type":"function","function":{"name":"f","arguments":"[1]"}}]}]}"""))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("expected: JSON text of an object");
    }

    @Test
    void a_tool_message_without_its_call_id_or_an_unknown_role_is_refused() {
        assertThatThrownBy(() -> translate("{\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}"))
                .isInstanceOf(TranslationException.class)
                .extracting(e -> ((TranslationException) e).param())
                .isEqualTo("messages[0].tool_call_id");
        assertThatThrownBy(() -> translate("{\"messages\":[{\"role\":\"function\",\"content\":\"x\"}]}"))
                .isInstanceOf(TranslationException.class)
                .extracting(e -> ((TranslationException) e).param())
                .isEqualTo("messages[0].role");
        assertThatThrownBy(() -> translate("{\"model\":\"m\"}"))
                .isInstanceOf(TranslationException.class)
                .extracting(e -> ((TranslationException) e).param())
                .isEqualTo("messages");
    }
}
