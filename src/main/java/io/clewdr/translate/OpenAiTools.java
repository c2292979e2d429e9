package io.clewdr.translate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts OpenAI {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} to Anthropic
 * (protocols.md §4.3, §4.4).
 *
 * <p>Function tools {@code {type:"function", function:{name, description, parameters}}} become
 * {@code {name, description, input_schema}}; {@code strict} is dropped, a missing schema becomes
 * {@code {type:"object", properties:{}}}. Tools that are not OpenAI function tools (Anthropic
 * client or server tools sent as they are) pass through unchanged. Without tools there is no
 * {@code tool_choice}, since Anthropic refuses a choice without tools.
 */
final class OpenAiTools {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenAiTools() {}

    /** Adds {@code tools} and {@code tool_choice} to {@code target} when the request has tools. */
    static void apply(JsonNode request, ObjectNode target) {
        JsonNode tools = request.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return;
        }
        ArrayNode out = target.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            out.add(tool(tools.get(i), "tools[" + i + "]"));
        }
        ObjectNode choice = choice(request.path("tool_choice"));
        if (request.path("parallel_tool_calls").isBoolean()
                && !request.path("parallel_tool_calls").booleanValue()) {
            if (choice == null) {
                choice = type("auto");
            }
            if (!"none".equals(choice.path("type").asString(""))) {
                choice.put("disable_parallel_tool_use", true);
            }
        }
        if (choice != null) {
            target.set("tool_choice", choice);
        }
    }

    private static JsonNode tool(JsonNode tool, String path) {
        if (!tool.isObject()) {
            throw new TranslationException(path, path + ": a " + tool.getNodeType() + " (expected: a tool object)");
        }
        if (!"function".equals(tool.path("type").asString(""))
                || !tool.path("function").isObject()) {
            return tool.deepCopy();
        }
        JsonNode function = tool.path("function");
        JsonNode name = function.path("name");
        if (!name.isString() || name.stringValue().isEmpty()) {
            throw new TranslationException(
                    path + ".function.name", path + ".function.name: missing (expected: a non-empty string)");
        }
        ObjectNode out = NODES.objectNode();
        out.put("name", name.stringValue());
        if (function.path("description").isString()) {
            out.put("description", function.path("description").stringValue());
        }
        JsonNode parameters = function.path("parameters");
        ObjectNode schema;
        if (parameters.isObject()) {
            schema = ((ObjectNode) parameters).deepCopy();
            if (!schema.has("type")) {
                schema.put("type", "object");
            }
        } else {
            schema = NODES.objectNode();
            schema.put("type", "object");
            schema.putObject("properties");
        }
        out.set("input_schema", schema);
        return out;
    }

    /** The Anthropic choice for an OpenAI {@code tool_choice}, or {@code null} when there is none. */
    private static ObjectNode choice(JsonNode choice) {
        if (choice.isMissingNode() || choice.isNull()) {
            return null;
        }
        if (choice.isString()) {
            return switch (choice.stringValue()) {
                case "auto" -> type("auto");
                case "required", "any" -> type("any");
                case "none" -> type("none");
                default ->
                    throw new TranslationException(
                            "tool_choice",
                            "tool_choice: '" + choice.stringValue()
                                    + "' (expected: auto, required, none or an object)");
            };
        }
        String type = choice.path("type").asString("");
        switch (type) {
            case "function" -> {
                JsonNode name = choice.path("function").path("name");
                if (!name.isString() || name.stringValue().isEmpty()) {
                    throw new TranslationException(
                            "tool_choice.function.name", "tool_choice.function.name: missing (expected: a tool name)");
                }
                ObjectNode out = type("tool");
                out.put("name", name.stringValue());
                return out;
            }
            case "auto", "any", "tool", "none" -> {
                return ((ObjectNode) choice).deepCopy(); // already Anthropic-shaped
            }
            default ->
                throw new TranslationException(
                        "tool_choice",
                        "tool_choice: type '" + type + "' (expected: auto, required, none or {type:function})");
        }
    }

    private static ObjectNode type(String type) {
        ObjectNode out = NODES.objectNode();
        out.put("type", type);
        return out;
    }
}
