package io.clewdr.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.clewdr.translate.ModelTraits.Effort;
import io.clewdr.translate.ModelTraits.ThinkingSupport;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ModelRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ObjectNode request(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    private static ObjectNode applied(String json) {
        ObjectNode request = request(json);
        ModelRules.apply(request);
        return request;
    }

    @ParameterizedTest
    @CsvSource({
        "claude-opus-4-6, 4, 6",
        "claude-opus-5, 5, 0",
        "claude-3-7-sonnet-20250219, 3, 7",
        "claude-sonnet-4-20250514, 4, 0",
        "claude-opus-4-5-20251101, 4, 5",
        "CLAUDE-Haiku-4-5-20251001, 4, 5",
        "claude-fable-5, 5, 0"
    })
    void the_generation_is_read_from_short_digit_segments_and_date_stamps_are_ignored(
            String model, int major, int minor) {
        assertThat(ModelTraits.of(model)).hasValueSatisfying(traits -> {
            assertThat(traits.major()).isEqualTo(major);
            assertThat(traits.minor()).isEqualTo(minor);
        });
    }

    @ParameterizedTest
    @CsvSource({"gpt-5.5", "claude-opus", "gemini-2-5-pro", "llama-3"})
    void names_without_a_known_line_or_a_generation_are_not_recognised(String model) {
        assertThat(ModelTraits.of(model)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "claude-fable-5, ALWAYS_ON, false, 'LOW,MEDIUM,HIGH,XHIGH,MAX'",
        "claude-mythos-1, ALWAYS_ON, false, 'LOW,MEDIUM,HIGH,XHIGH,MAX'",
        "claude-opus-5, ADAPTIVE_ONLY, false, 'LOW,MEDIUM,HIGH,XHIGH,MAX'",
        "claude-sonnet-5, ADAPTIVE_ONLY, false, 'LOW,MEDIUM,HIGH,XHIGH,MAX'",
        "claude-opus-4-8, ADAPTIVE_ONLY, false, 'LOW,MEDIUM,HIGH,XHIGH,MAX'",
        "claude-opus-4-7, ADAPTIVE_ONLY, false, 'LOW,MEDIUM,HIGH,XHIGH,MAX'",
        "claude-opus-4-6, ADAPTIVE_OR_EXTENDED, true, 'LOW,MEDIUM,HIGH,MAX'",
        "claude-sonnet-4-6, ADAPTIVE_OR_EXTENDED, true, 'LOW,MEDIUM,HIGH,MAX'",
        "claude-opus-4-5-20251101, EXTENDED_ONLY, true, 'LOW,MEDIUM,HIGH'",
        "claude-sonnet-4-5-20250929, EXTENDED_ONLY, true, ''",
        "claude-haiku-4-5-20251001, EXTENDED_ONLY, true, ''",
        "claude-3-7-sonnet-20250219, EXTENDED_ONLY, true, ''"
    })
    void each_line_and_generation_has_the_traits_of_the_table(
            String model, ThinkingSupport thinking, boolean sampling, String efforts) {
        ModelTraits traits = ModelTraits.of(model).orElseThrow();
        EnumSet<Effort> expected = EnumSet.noneOf(Effort.class);
        for (String rung : efforts.split(",")) {
            if (!rung.isBlank()) {
                expected.add(Effort.valueOf(rung));
            }
        }
        assertThat(traits.thinking()).isEqualTo(thinking);
        assertThat(traits.acceptsSampling()).isEqualTo(sampling);
        assertThat(traits.efforts()).containsExactlyElementsOf(expected);
    }

    @Test
    void always_on_models_lose_a_disabled_thinking() {
        ObjectNode r = applied("{\"model\":\"claude-fable-5\",\"thinking\":{\"type\":\"disabled\"}}");
        assertThat(r.has("thinking")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"claude-fable-5", "claude-opus-4-7", "claude-sonnet-5"})
    void always_on_and_adaptive_only_models_turn_extended_thinking_into_adaptive(String model) {
        ObjectNode r = applied("{\"model\":\"" + model + "\",\"max_tokens\":9000,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000}}");
        assertThat(r.get("thinking")).isEqualTo(request("{\"type\":\"adaptive\",\"display\":\"summarized\"}"));
    }

    @Test
    void extended_only_models_turn_adaptive_thinking_into_a_4096_budget() {
        ObjectNode r = applied("{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":9000,"
                + "\"thinking\":{\"type\":\"adaptive\"}}");
        assertThat(r.get("thinking")).isEqualTo(request("{\"type\":\"enabled\",\"budget_tokens\":4096}"));
    }

    @Test
    void version_4_6_keeps_either_kind_of_thinking() {
        ObjectNode adaptive = applied("{\"model\":\"claude-opus-4-6\",\"thinking\":{\"type\":\"adaptive\"}}");
        ObjectNode enabled = applied("{\"model\":\"claude-opus-4-6\",\"max_tokens\":9000,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":3000}}");
        assertThat(adaptive.get("thinking")).isEqualTo(request("{\"type\":\"adaptive\"}"));
        assertThat(enabled.get("thinking")).isEqualTo(request("{\"type\":\"enabled\",\"budget_tokens\":3000}"));
    }

    @ParameterizedTest
    @CsvSource({"100, 5000, 1024", "9000, 5000, 4999", "3000, 5000, 3000", "1024, 1025, 1024"})
    void the_budget_is_clamped_between_1024_and_max_tokens_minus_one(long budget, long maxTokens, long expected) {
        ObjectNode r = applied("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":" + maxTokens
                + ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}}");
        assertThat(r.at("/thinking/budget_tokens").asLong()).isEqualTo(expected);
    }

    @Test
    void the_budget_clamp_assumes_8192_max_tokens_when_none_is_given() {
        ObjectNode r = applied(
                "{\"model\":\"claude-sonnet-4-5\",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":20000}}");
        assertThat(r.at("/thinking/budget_tokens").asLong()).isEqualTo(8191);
        assertThat(r.has("max_tokens")).isFalse();
    }

    @Test
    void thinking_is_removed_when_max_tokens_leaves_no_room_for_a_budget() {
        ObjectNode r = applied("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000}}");
        assertThat(r.has("thinking")).isFalse();
    }

    @Test
    void an_unparseable_thinking_is_dropped_for_recognised_models() {
        ObjectNode r = applied("{\"model\":\"claude-sonnet-4-5\",\"thinking\":{\"type\":\"enabled\"}}");
        assertThat(r.has("thinking")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "claude-opus-4-6, xhigh, high",
        "claude-opus-4-6, max, max",
        "claude-opus-4-5-20251101, max, high",
        "claude-opus-4-5-20251101, xhigh, high",
        "claude-opus-4-5-20251101, medium, medium",
        "claude-opus-4-7, xhigh, xhigh",
        "claude-fable-5, max, max",
        "claude-opus-5, max, max"
    })
    void effort_is_lowered_to_the_highest_rung_the_model_allows(String model, String effort, String expected) {
        ObjectNode r = applied("{\"model\":\"" + model + "\",\"output_config\":{\"effort\":\"" + effort + "\"}}");
        assertThat(r.at("/output_config/effort").asString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"max", "xhigh"})
    void five_series_models_cap_effort_at_high_when_thinking_is_disabled(String effort) {
        ObjectNode r = applied("{\"model\":\"claude-opus-5\",\"thinking\":{\"type\":\"disabled\"},"
                + "\"output_config\":{\"effort\":\"" + effort + "\"}}");
        assertThat(r.at("/output_config/effort").asString()).isEqualTo("high");
        assertThat(r.at("/thinking/type").asString()).isEqualTo("disabled");
    }

    @Test
    void models_without_a_ladder_lose_effort_and_an_emptied_output_config() {
        ObjectNode r = applied("{\"model\":\"claude-sonnet-4-5\",\"output_config\":{\"effort\":\"high\"}}");
        assertThat(r.has("output_config")).isFalse();
    }

    @Test
    void an_output_config_with_a_format_survives_the_effort_removal() {
        ObjectNode r = applied("{\"model\":\"claude-sonnet-4-5\","
                + "\"output_config\":{\"effort\":\"high\",\"format\":{\"type\":\"json_schema\"}}}");
        assertThat(r.get("output_config")).isEqualTo(request("{\"format\":{\"type\":\"json_schema\"}}"));
    }

    @ParameterizedTest
    @CsvSource({"claude-opus-4-7", "claude-fable-5", "claude-sonnet-5"})
    void models_from_4_7_and_fable_accept_no_sampling_parameters(String model) {
        ObjectNode r = applied("{\"model\":\"" + model + "\",\"temperature\":0.5,\"top_p\":0.9,\"top_k\":5}");
        assertThat(r.has("temperature") || r.has("top_p") || r.has("top_k")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "claude-sonnet-4-6, '{\"type\":\"adaptive\"}'",
        "claude-sonnet-4-6, '{\"type\":\"enabled\",\"budget_tokens\":2000}'",
        "claude-sonnet-4-5, '{\"type\":\"enabled\",\"budget_tokens\":2000}'",
        "claude-3-7-sonnet, '{\"type\":\"enabled\",\"budget_tokens\":2000}'"
    })
    void active_thinking_strips_sampling_parameters(String model, String thinking) {
        ObjectNode r = applied("{\"model\":\"" + model + "\",\"temperature\":0.5,\"top_p\":0.9,\"top_k\":5,"
                + "\"thinking\":" + thinking + "}");
        assertThat(r.has("temperature") || r.has("top_p") || r.has("top_k")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"claude-sonnet-4-6", "claude-sonnet-4-5", "claude-opus-4-1"})
    void from_4_1_temperature_wins_over_top_p(String model) {
        ObjectNode r = applied("{\"model\":\"" + model + "\",\"temperature\":0.5,\"top_p\":0.9,\"top_k\":5}");
        assertThat(r.get("temperature").asDouble()).isEqualTo(0.5);
        assertThat(r.has("top_p")).isFalse();
        assertThat(r.get("top_k").asInt()).isEqualTo(5);
    }

    @Test
    void before_4_1_temperature_and_top_p_may_be_combined() {
        ObjectNode r = applied("{\"model\":\"claude-3-7-sonnet-20250219\",\"temperature\":0.5,\"top_p\":0.9,"
                + "\"thinking\":{\"type\":\"disabled\"}}");
        assertThat(r.has("temperature") && r.has("top_p")).isTrue();
    }

    @Test
    void top_p_alone_is_kept_on_models_that_allow_sampling() {
        ObjectNode r = applied("{\"model\":\"claude-sonnet-4-6\",\"top_p\":0.9}");
        assertThat(r.get("top_p").asDouble()).isEqualTo(0.9);
    }

    @ParameterizedTest
    @CsvSource({"gpt-5.5", "claude-opus"})
    void unrecognised_models_are_forwarded_untouched(String model) {
        String json = "{\"model\":\"" + model + "\",\"max_tokens\":100,\"temperature\":0.5,\"top_p\":0.9,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":50000},\"output_config\":{\"effort\":\"max\"}}";
        assertThat(applied(json)).isEqualTo(request(json));
    }

    @Test
    void unknown_and_unrelated_fields_are_kept() {
        String json = "{\"model\":\"claude-opus-4-7\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}],\"future_field\":{\"a\":[1,2]},\"metadata\":{\"user_id\":\"u\"},"
                + "\"stop_sequences\":[\"END\"],\"tools\":[{\"name\":\"t\",\"input_schema\":{}}]}";
        ObjectNode r = applied(json);
        assertThat(r).isEqualTo(request(json));
    }

    @ParameterizedTest
    @CsvSource({"claude-opus-4-6", "claude-opus-4-7", "claude-fable-5", "claude-sonnet-5"})
    void the_thinking_suffix_turns_on_adaptive_thinking_from_4_6_and_on_fable(String model) {
        ObjectNode r = applied("{\"model\":\"" + model + "-thinking\"}");
        assertThat(r.get("model").asString()).isEqualTo(model);
        assertThat(r.get("thinking")).isEqualTo(request("{\"type\":\"adaptive\",\"display\":\"summarized\"}"));
    }

    @ParameterizedTest
    @CsvSource({"claude-sonnet-4-5-20250929", "claude-opus-4-5-20251101", "claude-3-7-sonnet-20250219"})
    void the_thinking_suffix_turns_on_a_4096_budget_on_older_models(String model) {
        ObjectNode r = applied("{\"model\":\"" + model + "-thinking\",\"max_tokens\":8192}");
        assertThat(r.get("model").asString()).isEqualTo(model);
        assertThat(r.get("thinking")).isEqualTo(request("{\"type\":\"enabled\",\"budget_tokens\":4096}"));
    }

    @Test
    void the_suffix_budget_is_clamped_like_any_other() {
        ObjectNode r = applied("{\"model\":\"claude-sonnet-4-5-thinking\",\"max_tokens\":2000}");
        assertThat(r.at("/thinking/budget_tokens").asLong()).isEqualTo(1999);
    }

    @Test
    void the_suffix_keeps_a_thinking_the_client_gave() {
        ObjectNode r = applied("{\"model\":\"claude-opus-4-6-thinking\",\"max_tokens\":9000,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}}");
        assertThat(r.get("thinking")).isEqualTo(request("{\"type\":\"enabled\",\"budget_tokens\":2048}"));
    }

    @Test
    void the_suffix_is_removed_from_unrecognised_models_without_adding_thinking() {
        ObjectNode r = applied("{\"model\":\"my-model-thinking\"}");
        assertThat(r.get("model").asString()).isEqualTo("my-model");
        assertThat(r.has("thinking")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "null",
                "\"   \"",
                "[]",
                "[null, \"  \", {\"type\":\"text\",\"text\":\" \"}, {\"type\":\"text\"}]"
            })
    void an_empty_system_is_removed(String system) {
        ObjectNode r = applied("{\"model\":\"gpt-5.5\",\"system\":" + system + "}");
        assertThat(r.has("system")).isFalse();
    }

    @Test
    void a_system_with_text_is_kept() {
        String json = "{\"model\":\"claude-opus-4-7\",\"system\":[{\"type\":\"text\",\"text\":\"\"},"
                + "{\"type\":\"text\",\"text\":\"Be brief\"}]}";
        JsonNode system = applied(json).get("system");
        assertThat(system).isEqualTo(request(json).get("system"));
    }
}
