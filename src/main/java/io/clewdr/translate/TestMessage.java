package io.clewdr.translate;

import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The connection test of SillyTavern and similar clients (clewdr-behaviour.md §2.5): a non-streaming
 * request whose only message is a user {@code Hi} is answered locally instead of spending a credential.
 */
public final class TestMessage {

    /** The text of the canned reply. */
    public static final String REPLY_TEXT = "Claude Reverse Proxy is working, please send a real message.";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TestMessage() {}

    /**
     * Whether an Anthropic request is the connection test: {@code stream} is not {@code true} and
     * {@code messages} is exactly one user message whose content is {@code Hi}, as a string or as a
     * single text block.
     */
    public static boolean matches(JsonNode request) {
        if (request.path("stream").asBoolean(false)) {
            return false;
        }
        JsonNode messages = request.path("messages");
        if (!messages.isArray() || messages.size() != 1) {
            return false;
        }
        JsonNode message = messages.get(0);
        if (!"user".equals(message.path("role").asString(""))) {
            return false;
        }
        JsonNode content = message.path("content");
        if (content.isString()) {
            return content.stringValue().equals("Hi");
        }
        return content.isArray()
                && content.size() == 1
                && "text".equals(content.get(0).path("type").asString(""))
                && content.get(0).path("text").isString()
                && content.get(0).path("text").stringValue().equals("Hi");
    }

    /** The canned reply: a complete Anthropic message for {@code model}, with a fresh id. */
    public static ObjectNode reply(String model) {
        return reply(model, "msg_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** The canned reply with a given id. */
    public static ObjectNode reply(String model, String id) {
        ObjectNode message = NODES.objectNode();
        message.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        message.putArray("content").addObject().put("type", "text").put("text", REPLY_TEXT);
        message.put("stop_reason", "end_turn").putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        return message;
    }
}
