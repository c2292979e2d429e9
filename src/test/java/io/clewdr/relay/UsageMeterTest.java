package io.clewdr.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The token counts of a whole Messages answer, read from its bytes or from its tree. */
class UsageMeterTest {
    private static final JsonMapper JSON = JsonMapper.shared();

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void the_answers_own_usage_is_read_from_its_bytes() {
        UsageMeter meter = new UsageMeter(999);

        boolean reported = meter.observeUsage(bytes("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"text","text":"usage: {\\"output_tokens\\": 5}"},
                            {"type":"tool_use","id":"t1","name":"f","input":{"usage":{"output_tokens":77}}}],
                 "stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":12,"cache_creation":{"ephemeral_5m_input_tokens":0},
                          "cache_read_input_tokens":3,"output_tokens":7,"service_tier":"standard"}}
                """));

        assertThat(reported).isTrue();
        assertThat(meter.input()).isEqualTo(12);
        assertThat(meter.output()).isEqualTo(7);
    }

    @Test
    void the_same_counts_come_from_the_bytes_as_from_the_tree() {
        String json = "{\"usage\":{\"output_tokens\":40,\"input_tokens\":1234},\"content\":[]}";
        UsageMeter fromBytes = new UsageMeter(1);
        UsageMeter fromTree = new UsageMeter(1);

        fromBytes.observeUsage(bytes(json));
        fromTree.observeMessage(JSON.readTree(json));

        assertThat(fromBytes.input()).isEqualTo(fromTree.input()).isEqualTo(1234);
        assertThat(fromBytes.output()).isEqualTo(fromTree.output()).isEqualTo(40);
    }

    @Test
    void an_answer_without_an_output_count_asks_for_the_tree() {
        UsageMeter meter = new UsageMeter(50);

        assertThat(meter.observeUsage(bytes("{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"usage\":{}}")))
                .isFalse();
        assertThat(meter.observeUsage(bytes("{\"content\":[]}"))).isFalse();
        assertThat(meter.input()).isEqualTo(50);
    }

    @Test
    void bytes_that_are_not_a_json_object_ask_for_the_tree() {
        UsageMeter meter = new UsageMeter(50);

        assertThat(meter.observeUsage(bytes("<html>bad gateway</html>"))).isFalse();
        assertThat(meter.observeUsage(bytes("[1,2]"))).isFalse();
        assertThat(meter.observeUsage(bytes("{\"usage\":{\"output_tokens\":3"))).isFalse();
    }

    @Test
    void a_delta_read_from_its_bytes_counts_as_the_same_delta_read_as_a_tree() {
        String[] deltas = {
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello, caf\\u00e9 \"}}",
            "{\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"let me think about it\"},\"type\":\"content_block_delta\"}",
            "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \"}}",
            "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"abc\"}}"
        };
        UsageMeter fromBytes = new UsageMeter(1);
        UsageMeter fromTree = new UsageMeter(1);

        for (String delta : deltas) {
            assertThat(fromBytes.observeDelta(delta)).isTrue();
            fromTree.observe(Event.of("content_block_delta", JSON.readTree(delta)));
        }

        assertThat(fromBytes.output()).isPositive().isEqualTo(fromTree.output());
    }

    @Test
    void a_delta_that_is_not_json_is_refused_and_adds_nothing() {
        UsageMeter meter = new UsageMeter(1);

        assertThat(meter.observeDelta("{\"delta\":{\"text\":\"counted? no\"}")).isFalse();
        assertThat(meter.observeDelta("{\"delta\":{\"text\":\"two values\"}} {}"))
                .isFalse();
        assertThat(meter.observeDelta("not json")).isFalse();
        assertThat(meter.output()).isZero();
        assertThat(meter.observeDelta(""))
                .as("no data reads as an empty object")
                .isTrue();
    }
}
