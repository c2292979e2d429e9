package io.clewdr.relay;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pass-through request's {@code messages} array kept as the client's own bytes. No rule of the
 * Claude Code path changes a message (clewdr-behaviour.md §4, §7.8; sanitising is the one exception
 * and reads the whole tree instead), yet a coding agent's history is most of its request: tens to
 * hundreds of kilobytes that a tree would turn into thousands of objects only to write them back out.
 * Measured on a 50 KB request: 350 µs of CPU per request, a quarter of it tree building and writing
 * and a tenth collecting its garbage.
 *
 * <p>The rest of the body is read as a tree, the <em>head</em>, so every rule runs on it as before. Its
 * {@code messages} holds only the leading messages up to the first user message, all the rules read
 * (the billing header hashes that message's text), and is replaced by the client's bytes when the
 * request is written ({@link #join}).
 *
 * @param source the client's body
 * @param from where the array starts in {@code source} (its {@code [})
 * @param to just past the array's {@code ]}
 * @param count how many messages the array holds
 */
record RawMessages(byte[] source, int from, int to, int count) {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final byte[] NAME = "\"messages\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * The head of a body and its raw messages.
     *
     * @param head every field but the messages, and {@code messages} with the leading messages only
     * @param messages the client's messages array
     */
    record Split(ObjectNode head, RawMessages messages) {}

    /**
     * Splits a body into its head and its messages' bytes.
     *
     * @param body the client's body
     * @return the split, or empty when the body is not one JSON object with a single
     *     {@code messages} array; the caller then reads the whole tree, which also gives the error
     */
    static Optional<Split> split(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            ObjectNode head = JSON.createObjectNode();
            RawMessages messages = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (head.has(name)) {
                    return Optional.empty(); // a repeated field: the tree's reading decides which wins
                }
                if (name.equals("messages") && value == JsonToken.START_ARRAY) {
                    int from = (int) parser.currentTokenLocation().getByteOffset();
                    ArrayNode leading = head.arrayNode();
                    int count = readElements(parser, leading);
                    int to = (int) parser.currentLocation().getByteOffset();
                    head.set("messages", leading);
                    messages = new RawMessages(body, from, to, count);
                } else {
                    head.set(name, parser.<JsonNode>readValueAsTree());
                }
            }
            if (messages == null || parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(new Split(head, messages));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads the array's elements as trees up to and including the first user message and skips the
     * rest without building them.
     *
     * @return how many elements the array holds
     */
    private static int readElements(JsonParser parser, ArrayNode leading) {
        int count = 0;
        boolean userSeen = false;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            count++;
            if (userSeen) {
                parser.skipChildren();
            } else {
                JsonNode message = parser.readValueAsTree();
                leading.add(message);
                userSeen = "user".equals(message.path("role").asString(""));
            }
        }
        return count;
    }

    /**
     * The request to send: the head, shaped, with its {@code messages} replaced by the client's bytes.
     *
     * @param head the head after the rules ran; its {@code messages} is removed
     * @return the whole body
     */
    byte[] join(ObjectNode head) {
        head.remove("messages");
        byte[] rest = JSON.writeValueAsBytes(head);
        int length = to - from;
        boolean empty = rest.length == 2; // "{}"
        byte[] joined = new byte[rest.length + (empty ? 0 : 1) + NAME.length + length];
        int at = rest.length - 1; // the head without its closing brace
        System.arraycopy(rest, 0, joined, 0, at);
        if (!empty) {
            joined[at++] = ',';
        }
        System.arraycopy(NAME, 0, joined, at, NAME.length);
        at += NAME.length;
        System.arraycopy(source, from, joined, at, length);
        joined[at + length] = '}';
        return joined;
    }
}
