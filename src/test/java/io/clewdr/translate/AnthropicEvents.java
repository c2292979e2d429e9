package io.clewdr.translate;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Builders for the Anthropic stream events the tests feed. */
final class AnthropicEvents {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicEvents() {}

    static ObjectNode json(String text) {
        return (ObjectNode) JSON.readTree(text);
    }

    static ObjectNode messageStart(long inputTokens) {
        return json("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-opus-4-7\",\"content\":[],\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + inputTokens + ",\"output_tokens\":1}}}");
    }

    static ObjectNode textStart(int index) {
        return json("{\"type\":\"content_block_start\",\"index\":" + index
                + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    }

    static ObjectNode textDelta(int index, String text) {
        ObjectNode event = NODES.objectNode().put("type", "content_block_delta").put("index", index);
        event.putObject("delta").put("type", "text_delta").put("text", text);
        return event;
    }

    static ObjectNode thinkingDelta(int index, String text) {
        ObjectNode event = NODES.objectNode().put("type", "content_block_delta").put("index", index);
        event.putObject("delta").put("type", "thinking_delta").put("thinking", text);
        return event;
    }

    static ObjectNode blockStop(int index) {
        return NODES.objectNode().put("type", "content_block_stop").put("index", index);
    }

    static ObjectNode messageDelta(String stopReason, long outputTokens) {
        ObjectNode event = NODES.objectNode().put("type", "message_delta");
        event.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        event.putObject("usage").put("output_tokens", outputTokens);
        return event;
    }

    static ObjectNode messageStop() {
        return NODES.objectNode().put("type", "message_stop");
    }

    static ObjectNode ping() {
        return NODES.objectNode().put("type", "ping");
    }
}
