package io.clewdr.relay;

import java.util.Iterator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code sanitize_messages} (clewdr-behaviour.md §4.4): trims every text, removes empty text
 * blocks, and drops assistant turns left empty; user turns are kept even when empty.
 */
final class Sanitizer {
    private Sanitizer() {}

    static void apply(ObjectNode body) {
        if (!(body.path("messages") instanceof ArrayNode messages)) {
            return;
        }
        for (Iterator<JsonNode> it = messages.iterator(); it.hasNext(); ) {
            if (!(it.next() instanceof ObjectNode message)) {
                continue;
            }
            boolean empty;
            JsonNode content = message.path("content");
            if (content.isString()) {
                String trimmed = content.asString().trim();
                message.put("content", trimmed);
                empty = trimmed.isEmpty();
            } else if (content instanceof ArrayNode blocks) {
                for (Iterator<JsonNode> b = blocks.iterator(); b.hasNext(); ) {
                    JsonNode block = b.next();
                    if (block instanceof ObjectNode text
                            && "text".equals(text.path("type").asString())) {
                        String trimmed = text.path("text").asString("").trim();
                        if (trimmed.isEmpty()) {
                            b.remove();
                        } else {
                            text.put("text", trimmed);
                        }
                    }
                }
                empty = blocks.isEmpty();
            } else {
                empty = true;
            }
            if (empty && "assistant".equals(message.path("role").asString())) {
                it.remove();
            }
        }
    }
}
