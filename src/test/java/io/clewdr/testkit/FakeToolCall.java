package io.clewdr.testkit;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the fake Messages API answers with a {@code tool_use} block: when the request has {@code tools}
 * and either {@code tool_choice} forces one ({@code tool} names it, {@code any} takes the first) or the
 * last user text names a tool. The input is built from the tool's schema: {@code "test"} for strings,
 * 1 for numbers, true for booleans.
 */
final class FakeToolCall {
    private static final JsonMapper JSON = JsonMapper.shared();

    private FakeToolCall() {}

    /** The tool to call, or null to answer with text. */
    static @Nullable JsonNode chosenTool(JsonNode body) {
        JsonNode tools = body.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return null;
        }
        JsonNode choice = body.path("tool_choice");
        String type = choice.path("type").asString("auto");
        if (type.equals("none")) {
            return null;
        }
        if (type.equals("any")) {
            return tools.get(0);
        }
        String text = FakeAnthropicApi.lastUserText(body).toLowerCase(Locale.ROOT);
        for (JsonNode tool : tools) {
            String name = tool.path("name").asString("");
            if (type.equals("tool") && name.equals(choice.path("name").asString())) {
                return tool;
            }
            if (type.equals("auto") && !name.isEmpty() && text.contains(name.toLowerCase(Locale.ROOT))) {
                return tool;
            }
        }
        return null;
    }

    /** The input the fake model passes to the tool. */
    static ObjectNode input(JsonNode tool) {
        ObjectNode input = JSON.createObjectNode();
        JsonNode properties = tool.path("input_schema").path("properties");
        for (String name : properties.propertyNames()) {
            switch (properties.path(name).path("type").asString("string")) {
                case "integer", "number" -> input.put(name, 1);
                case "boolean" -> input.put(name, true);
                default -> input.put(name, "test");
            }
        }
        return input;
    }

    /** The complete message: one tool_use block, stop reason tool_use. */
    static ObjectNode message(ObjectNode message, String id, JsonNode tool) {
        message.putArray("content")
                .addObject()
                .put("type", "tool_use")
                .put("id", id)
                .put("name", tool.path("name").asString())
                .set("input", input(tool));
        return message;
    }

    /**
     * The stream: {@code content_block_start} with an empty tool_use, the input JSON in
     * {@code input_json_delta} fragments (the first one empty, as the API sends it), the stop, and
     * {@code stop_reason:"tool_use"}.
     */
    static Reply stream(ObjectNode startMessage, String id, JsonNode tool) {
        Reply reply = Reply.sse();
        startMessage.putArray("content");
        startMessage.putNull("stop_reason");
        ObjectNode start = JSON.createObjectNode();
        start.put("type", "message_start");
        start.set("message", startMessage);
        reply.event("message_start", JSON.writeValueAsString(start));
        ObjectNode blockStart = JSON.createObjectNode();
        blockStart.put("type", "content_block_start").put("index", 0);
        blockStart
                .putObject("content_block")
                .put("type", "tool_use")
                .put("id", id)
                .put("name", tool.path("name").asString())
                .putObject("input");
        reply.event("content_block_start", JSON.writeValueAsString(blockStart));
        String json = JSON.writeValueAsString(input(tool));
        int step = Math.max(1, json.length() / 3);
        delta(reply, "");
        for (int i = 0; i < json.length(); i += step) {
            delta(reply, json.substring(i, Math.min(json.length(), i + step)));
        }
        reply.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        reply.event(
                "message_delta",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},"
                        + "\"usage\":{\"output_tokens\":12}}");
        reply.event("message_stop", "{\"type\":\"message_stop\"}");
        return reply;
    }

    private static void delta(Reply reply, String fragment) {
        ObjectNode delta = JSON.createObjectNode();
        delta.put("type", "content_block_delta").put("index", 0);
        delta.putObject("delta").put("type", "input_json_delta").put("partial_json", fragment);
        reply.event("content_block_delta", JSON.writeValueAsString(delta));
    }
}
