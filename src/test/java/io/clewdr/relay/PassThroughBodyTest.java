package io.clewdr.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The split of a pass-through body into a head tree and the unread fields' own bytes: what is sent is
 * the same request as the whole tree would give, the messages and tools byte for byte, and anything
 * unusual falls back to the whole tree.
 */
class PassThroughBodyTest {
    private static final JsonMapper JSON = JsonMapper.shared();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static PassThroughBody.Split split(String body) {
        return PassThroughBody.split(utf8(body)).orElseThrow();
    }

    private static String joined(String body) {
        PassThroughBody.Split split = split(body);
        return new String(split.body().join(split.head()), StandardCharsets.UTF_8);
    }

    @Test
    void the_messages_are_sent_as_the_client_wrote_them_and_the_rest_as_the_head_holds_it() {
        String messages = "[ {\"role\":\"user\", \"content\":\"caf\\u00e9 1.50\"},\n"
                + "  {\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"n\",\"n\":123456789012345678901234567890}]} ]";
        String body = "{\"model\":\"m\",\"messages\":" + messages + ",\"max_tokens\":5,\"extra\":{\"k\":[1,2]}}";
        PassThroughBody.Split split = split(body);
        split.head().put("model", "renamed");

        String sent = new String(split.body().join(split.head()), StandardCharsets.UTF_8);

        assertThat(sent).contains("\"messages\":" + messages);
        JsonNode expected = JSON.readTree(body);
        ((ObjectNode) expected).put("model", "renamed");
        assertThat(JSON.readTree(sent)).isEqualTo(expected);
    }

    @Test
    void the_tools_are_sent_as_the_client_wrote_them_and_are_not_in_the_head() {
        String tools = "[{\"name\":\"t\",\"description\":\"caf\\u00e9\",\"input_schema\":{\"type\":\"object\"}}]";
        String body = "{\"tools\": " + tools + ",\"model\":\"m\",\"messages\":[],\"tool_choice\":{\"type\":\"auto\"}}";
        PassThroughBody.Split split = split(body);

        assertThat(split.head().has("tools")).isFalse();
        assertThat(split.head().path("tool_choice").path("type").asString()).isEqualTo("auto");
        String sent = joined(body);
        assertThat(sent).contains("\"tools\":" + tools);
        assertThat(JSON.readTree(sent)).isEqualTo(JSON.readTree(body));
    }

    @Test
    void tools_that_are_not_a_structure_stay_in_the_head() {
        PassThroughBody.Split split = split("{\"tools\":null,\"messages\":[]}");
        assertThat(split.head().path("tools").isNull()).isTrue();
        assertThat(JSON.readTree(joined("{\"tools\":null,\"messages\":[]}"))
                        .path("tools")
                        .isNull())
                .isTrue();
    }

    @Test
    void the_head_holds_the_messages_up_to_the_first_user_message_and_the_count_of_all() {
        PassThroughBody.Split split = split("{\"messages\":[{\"role\":\"assistant\",\"content\":\"a\"},"
                + "{\"role\":\"user\",\"content\":\"u1\"},{\"role\":\"user\",\"content\":\"u2\"}],\"model\":\"m\"}");

        assertThat(split.body().messageCount()).isEqualTo(3);
        assertThat(split.head().path("messages").size()).isEqualTo(2);
        assertThat(split.head().path("messages").path(1).path("content").asString())
                .isEqualTo("u1");
        assertThat(split.head().path("model").asString()).isEqualTo("m");
    }

    @Test
    void an_empty_array_and_an_otherwise_empty_head_join_to_valid_json() {
        assertThat(joined("{\"messages\":[]}")).isEqualTo("{\"messages\":[]}");
        PassThroughBody.Split split = split("{\"messages\":[],\"model\":\"m\"}");
        split.head().remove("model");
        assertThat(new String(split.body().join(split.head()), StandardCharsets.UTF_8))
                .isEqualTo("{\"messages\":[]}");
    }

    @Test
    void a_byte_order_mark_and_multibyte_text_before_the_array_keep_the_offsets_right() {
        String body = "\uFEFF{\"system\":\"世界 😀\",\"messages\":[{\"role\":\"user\",\"content\":\"é\"}]}";
        assertThat(JSON.readTree(joined(body))).isEqualTo(JSON.readTree(body.substring(1)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "\"text\"",
                "{\"model\":\"m\"}",
                "{\"messages\":{\"role\":\"user\"}}",
                "{\"messages\":[],\"messages\":[]}",
                "{\"model\":\"a\",\"model\":\"b\",\"messages\":[]}",
                "{\"tools\":[],\"messages\":[],\"tools\":[1]}",
                "{\"messages\":[]} trailing",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\": ]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],",
                ""
            })
    void a_body_that_is_not_one_object_with_one_messages_array_is_left_to_the_whole_tree(String body) {
        assertThat(PassThroughBody.split(utf8(body))).isEmpty();
    }

    @Test
    void random_requests_in_random_layouts_send_what_the_whole_tree_would() {
        Random random = new Random(20261206L);
        for (int round = 0; round < 300; round++) {
            String body = randomRequest(random);
            PassThroughBody.Split split = split(body);
            String sent = new String(split.body().join(split.head()), StandardCharsets.UTF_8);
            assertThat(JSON.readTree(sent)).as(body).isEqualTo(JSON.readTree(body));
            assertThat(split.body().messageCount())
                    .as(body)
                    .isEqualTo(JSON.readTree(body).path("messages").size());
        }
    }

    private static String randomRequest(Random random) {
        StringBuilder messages = new StringBuilder("[");
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                messages.append(',').append(space(random));
            }
            String role = random.nextBoolean() ? "user" : "assistant";
            messages.append("{\"role\":")
                    .append(space(random))
                    .append('"')
                    .append(role)
                    .append("\",")
                    .append("\"content\":")
                    .append(randomValue(random, 2))
                    .append('}');
        }
        messages.append(space(random)).append(']');
        String[] fields = {
            "\"model\":\"claude-x\"",
            "\"max_tokens\":" + random.nextInt(10_000),
            "\"system\":" + randomValue(random, 2),
            "\"messages\":" + space(random) + messages,
            "\"metadata\":" + randomValue(random, 3),
            "\"tools\":" + space(random) + randomValue(random, 3)
        };
        // Shuffle so the array lands first, last or in the middle.
        for (int i = fields.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swap = fields[i];
            fields[i] = fields[j];
            fields[j] = swap;
        }
        return "{" + space(random) + String.join("," + space(random), fields) + space(random) + "}";
    }

    private static String randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 7 : 5);
        return switch (kind) {
            case 0 -> "\"" + randomText(random) + "\"";
            case 1 -> Long.toString(random.nextLong());
            case 2 -> random.nextInt(1000) + "." + random.nextInt(100) + "e" + random.nextInt(5);
            case 3 -> random.nextBoolean() ? "true" : "null";
            case 4 -> "\"\\u00e9\\n\\\"q\\\"\"";
            case 5 -> "[" + randomValue(random, depth - 1) + "," + space(random) + randomValue(random, depth - 1) + "]";
            default -> "{\"type\":\"text\",\"text\":" + randomValue(random, depth - 1) + "}";
        };
    }

    private static String randomText(Random random) {
        String alphabet = "ab c[]{},:é世😀";
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(alphabet.codePoints()
                    .toArray()[random.nextInt((int) alphabet.codePoints().count())]);
        }
        return text.toString();
    }

    private static String space(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> " ";
            case 1 -> "\n  ";
            default -> "";
        };
    }
}
