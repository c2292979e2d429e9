package io.clewdr.provider.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.clewdr.provider.claudecode.CodeRequestShaper.Shaped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CodeRequestShaperTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CodeRequestShaper PLAIN = CodeRequestShaper.create(null);

    private static ObjectNode json(String text) {
        return (ObjectNode) JSON.readTree(text);
    }

    private static ObjectNode user(String text) {
        return json("{\"model\":\"claude-opus-4-7\",\"messages\":[{\"role\":\"user\",\"content\":"
                + JSON.writeValueAsString(text) + "}]}");
    }

    @ParameterizedTest
    @CsvSource({"hey, 4dc", "abcdefg, 540"})
    void the_billing_hash_matches_the_cli_test_vectors(String firstText, String hash) {
        Shaped shaped = PLAIN.shape(user(firstText));

        assertThat(shaped.body().at("/system/0"))
                .isEqualTo(json("{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cc_version=2.1.76." + hash
                        + "; cc_entrypoint=cli; cch=00000;\"}"));
    }

    @Test
    void the_billing_hash_samples_utf16_units_4_7_and_20() {
        String text = "0123456789abcdefghijKLM";
        assertThat(CodeRequestShaper.billingHash(text, "2.1.76"))
                .isEqualTo(CodeRequestShaper.billingHash("????4??7????????????K", "2.1.76"))
                .isNotEqualTo(CodeRequestShaper.billingHash("hey", "2.1.76"));
        assertThat(CodeRequestShaper.billingHash("", "2.1.76")).isEqualTo("4dc");
    }

    @Test
    void the_first_user_text_is_the_string_or_the_first_text_block() {
        JsonNode messages = json("{\"m\":[{\"role\":\"assistant\",\"content\":\"abcdefg\"},{\"role\":\"user\","
                        + "\"content\":[{\"type\":\"image\"},{\"type\":\"text\",\"text\":\"hey\"},{\"type\":\"text\",\"text\":\"x\"}]}]}")
                .get("m");
        assertThat(CodeRequestShaper.firstUserText(messages)).isEqualTo("hey");
        assertThat(CodeRequestShaper.firstUserText(json("{\"m\":[]}").get("m"))).isEmpty();
    }

    @Test
    void the_entrypoint_and_version_can_be_given() {
        Shaped shaped = CodeRequestShaper.create("", "2.1.76", "sdk-ts").shape(user("hey"));
        assertThat(shaped.body().at("/system/0/text").asString())
                .contains("cc_version=2.1.76.4dc; cc_entrypoint=sdk-ts;");
        Shaped blank = CodeRequestShaper.create("", " ", " ").shape(user("hey"));
        assertThat(blank.body().at("/system/0/text").asString()).contains("cc_version=2.1.76.4dc; cc_entrypoint=cli;");
    }

    @Test
    void the_system_is_billing_then_custom_system_then_the_client_system() {
        ObjectNode request = user("hey");
        request.set(
                "system",
                json("{\"s\":[{\"type\":\"text\",\"text\":\"one\"},{\"type\":\"text\",\"text\":\"two\"}]}")
                        .get("s"));

        JsonNode system =
                CodeRequestShaper.create("Be a pirate.").shape(request).body().get("system");

        assertThat(system).hasSize(4);
        assertThat(system.get(0).path("text").asString()).startsWith("x-anthropic-billing-header:");
        assertThat(system.get(1)).isEqualTo(json("{\"type\":\"text\",\"text\":\"Be a pirate.\"}"));
        assertThat(system.get(2).path("text").asString()).isEqualTo("one");
        assertThat(system.get(3).path("text").asString()).isEqualTo("two");
    }

    @Test
    void a_string_system_becomes_a_text_block_and_a_blank_custom_system_adds_nothing() {
        ObjectNode request = user("hey");
        request.put("system", "You are helpful.");

        JsonNode system = CodeRequestShaper.create("   ").shape(request).body().get("system");

        assertThat(system).hasSize(2);
        assertThat(system.get(1)).isEqualTo(json("{\"type\":\"text\",\"text\":\"You are helpful.\"}"));
    }

    @Test
    void without_a_client_system_only_the_billing_block_remains() {
        assertThat(PLAIN.shape(user("hey")).body().get("system")).hasSize(1);
    }

    @Test
    void other_system_values_are_appended_as_they_are() {
        ObjectNode request = user("hey");
        request.set("system", json("{\"type\":\"text\",\"text\":\"odd\"}"));

        assertThat(PLAIN.shape(request).body().at("/system/1")).isEqualTo(json("{\"type\":\"text\",\"text\":\"odd\"}"));
    }

    @Test
    void scope_is_removed_from_ephemeral_cache_control() {
        ObjectNode request = user("hey");
        request.set(
                "system",
                json("{\"s\":[{\"type\":\"text\",\"text\":\"a\",\"cache_control\":{\"type\":\"ephemeral\","
                                + "\"scope\":\"global\",\"ttl\":\"1h\"}},{\"type\":\"text\",\"text\":\"b\",\"cache_control\":"
                                + "{\"type\":\"ephemeral\",\"ephemeral\":{\"scope\":\"org\",\"x\":1}}},{\"type\":\"text\",\"text\":\"c\","
                                + "\"cache_control\":{\"type\":\"other\",\"scope\":\"kept\"}}]}")
                        .get("s"));

        JsonNode system = PLAIN.shape(request).body().get("system");

        assertThat(system.at("/1/cache_control")).isEqualTo(json("{\"type\":\"ephemeral\",\"ttl\":\"1h\"}"));
        assertThat(system.at("/2/cache_control")).isEqualTo(json("{\"type\":\"ephemeral\",\"ephemeral\":{\"x\":1}}"));
        assertThat(system.at("/3/cache_control/scope").asString()).isEqualTo("kept");
    }

    @Test
    void equal_cached_systems_give_equal_sticky_hashes() {
        String a = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"first\"}],\"system\":["
                + "{\"type\":\"text\",\"text\":\"big prompt\",\"cache_control\":{\"type\":\"ephemeral\",\"scope\":\"x\"}}]}";
        String sameReordered = "{\"system\":[{\"cache_control\":{\"type\":\"ephemeral\"},\"text\":\"big prompt\","
                + "\"type\":\"text\"}],\"model\":\"other\",\"messages\":[{\"role\":\"user\",\"content\":\"different\"}]}";
        String different = a.replace("big prompt", "another prompt");

        var hashA = PLAIN.shape(json(a)).systemPromptHash();
        assertThat(hashA).isPresent();
        assertThat(PLAIN.shape(json(sameReordered)).systemPromptHash()).isEqualTo(hashA);
        assertThat(PLAIN.shape(json(different)).systemPromptHash()).isNotEqualTo(hashA);
    }

    @Test
    void a_system_without_cache_control_has_no_sticky_hash() {
        ObjectNode request = user("hey");
        request.put("system", "plain");
        assertThat(PLAIN.shape(request).systemPromptHash()).isEmpty();
        assertThat(CodeRequestShaper.create("custom").shape(user("hey")).systemPromptHash())
                .isEmpty();
    }

    @Test
    void every_other_field_the_client_sent_is_kept() {
        ObjectNode request = json(
                "{\"model\":\"claude-opus-4-7\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hey\"}],\"context_management\":{\"edits\":[]},\"brand_new_field\":[1],\"stream\":true}");
        ObjectNode before = request.deepCopy();

        ObjectNode body = PLAIN.shape(request).body();
        body.remove("system");

        assertThat(body).isEqualTo(before);
    }
}
