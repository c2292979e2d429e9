package io.clewdr.translate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts the OpenAI {@code messages} array to Anthropic's {@code system} blocks and alternating
 * {@code messages} (protocols.md §4.1, §4.5).
 *
 * <p>{@code system} and {@code developer} messages, wherever they sit, become system text blocks.
 * {@code user} and {@code assistant} keep their order; consecutive turns of the same role merge
 * (a message left without blocks is skipped first, so its neighbours merge too). Assistant {@code
 * tool_calls} become {@code tool_use} blocks after the assistant's text; {@code tool} messages become
 * {@code tool_result} blocks of a user turn, which merges with neighbouring tool and user messages,
 * tool results first as Anthropic requires.
 *
 * <p>With {@code flattenTools} (the Claude.ai web backend has no tools) calls and results become
 * plain text instead: {@code [Tool call call_1: get_weather({"city":"Paris"})]} in the assistant
 * turn and {@code [Tool result for call_1]} plus the result text in the user turn. The call id is
 * kept in both so the model can pair them when several calls were made.
 */
final class OpenAiMessages {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.shared();

    /** The converted conversation; {@code system} is empty when there were no system texts. */
    record Converted(ArrayNode system, ArrayNode messages) {}

    private record Turn(String role, List<ObjectNode> blocks) {}

    private OpenAiMessages() {}

    static Converted convert(JsonNode messages, boolean flattenTools) {
        if (!messages.isArray()) {
            throw new TranslationException(
                    "messages", "messages: missing or not an array (expected: an array of messages)");
        }
        ArrayNode system = NODES.arrayNode();
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String path = "messages[" + i + "]";
            String role = message.path("role").asString("");
            switch (role) {
                case "system", "developer" -> {
                    for (ObjectNode block : OpenAiContent.blocks(message.get("content"), path + ".content")) {
                        if ("text".equals(block.path("type").asString(""))) {
                            system.add(block);
                        }
                    }
                }
                case "user" -> append(turns, "user", OpenAiContent.blocks(message.get("content"), path + ".content"));
                case "assistant" -> append(turns, "assistant", assistant(message, path, flattenTools));
                case "tool" -> append(turns, "user", List.of(toolResult(message, path, flattenTools)));
                default ->
                    throw new TranslationException(
                            path + ".role",
                            path + ".role: '" + (role.length() <= 32 ? role : role.substring(0, 32) + "...")
                                    + "' (expected: system, developer, user, assistant or tool)");
            }
        }
        ArrayNode out = NODES.arrayNode();
        for (Turn turn : turns) {
            List<ObjectNode> blocks = new ArrayList<>(turn.blocks());
            if (turn.role().equals("user")) {
                // Stable sort: tool results first, everything else after in its original order.
                blocks.sort(Comparator.comparingInt(
                        b -> "tool_result".equals(b.path("type").asString("")) ? 0 : 1));
            }
            ObjectNode message = out.addObject();
            message.put("role", turn.role());
            ArrayNode content = message.putArray("content");
            blocks.forEach(content::add);
        }
        return new Converted(system, out);
    }

    private static void append(List<Turn> turns, String role, List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        if (!turns.isEmpty() && turns.getLast().role().equals(role)) {
            turns.getLast().blocks().addAll(blocks);
        } else {
            turns.add(new Turn(role, new ArrayList<>(blocks)));
        }
    }

    private static List<ObjectNode> assistant(JsonNode message, String path, boolean flattenTools) {
        List<ObjectNode> blocks = OpenAiContent.blocks(message.get("content"), path + ".content");
        JsonNode calls = message.path("tool_calls");
        if (!calls.isArray()) {
            return blocks;
        }
        for (int j = 0; j < calls.size(); j++) {
            JsonNode call = calls.get(j);
            String callPath = path + ".tool_calls[" + j + "]";
            String id = call.path("id").asString("");
            String name = required(call.path("function").path("name"), callPath + ".function.name");
            JsonNode arguments = call.path("function").path("arguments");
            if (flattenTools) {
                String args = arguments.isString()
                        ? arguments.stringValue()
                        : arguments.isMissingNode() ? "{}" : arguments.toString();
                String prefix = id.isEmpty() ? "" : id + ": ";
                blocks.add(OpenAiContent.textBlock("[Tool call " + prefix + name + "(" + args + ")]"));
                continue;
            }
            ObjectNode use = NODES.objectNode();
            use.put("type", "tool_use");
            use.put("id", required(call.path("id"), callPath + ".id"));
            use.put("name", name);
            use.set("input", input(arguments, callPath + ".function.arguments"));
            blocks.add(use);
        }
        return blocks;
    }

    /** Parses {@code arguments} (JSON text, or already an object) into a tool_use {@code input}. */
    private static JsonNode input(JsonNode arguments, String path) {
        if (arguments.isMissingNode() || arguments.isNull()) {
            return NODES.objectNode();
        }
        if (arguments.isObject()) {
            return arguments.deepCopy();
        }
        if (!arguments.isString()) {
            throw new TranslationException(
                    path, path + ": a " + arguments.getNodeType() + " (expected: JSON text of an object)");
        }
        String text = arguments.stringValue();
        if (text.isBlank()) {
            return NODES.objectNode();
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new TranslationException(path, path + ": not valid JSON (expected: JSON text of an object)");
        }
        if (!parsed.isObject()) {
            throw new TranslationException(
                    path, path + ": JSON " + parsed.getNodeType() + " (expected: JSON text of an object)");
        }
        return parsed;
    }

    private static ObjectNode toolResult(JsonNode message, String path, boolean flattenTools) {
        String callId = required(message.path("tool_call_id"), path + ".tool_call_id");
        JsonNode content = message.get("content");
        if (flattenTools) {
            return OpenAiContent.textBlock("[Tool result for " + callId + "]\n" + OpenAiContent.text(content));
        }
        ObjectNode result = NODES.objectNode();
        result.put("type", "tool_result");
        result.put("tool_use_id", callId);
        if (content == null || content.isNull() || content.isString()) {
            result.put("content", content == null || content.isNull() ? "" : content.stringValue());
        } else {
            ArrayNode blocks = result.putArray("content");
            for (ObjectNode block : OpenAiContent.blocks(content, path + ".content")) {
                String type = block.path("type").asString("");
                if (type.equals("text") || type.equals("image")) {
                    blocks.add(block);
                }
            }
        }
        return result;
    }

    private static String required(JsonNode node, String path) {
        if (!node.isString() || node.stringValue().isEmpty()) {
            throw new TranslationException(path, path + ": missing or empty (expected: a non-empty string)");
        }
        return node.stringValue();
    }
}
