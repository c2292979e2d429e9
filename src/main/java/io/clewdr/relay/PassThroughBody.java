package io.clewdr.relay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pass-through request split in two: the <em>head</em>, read as a tree so every rule runs on it as
 * before, and the fields no rule of the Claude Code path reads, kept as the client's own bytes: the
 * {@code messages} and the {@code tools} (clewdr-behaviour.md §4, §7.8; sanitising is the one rule that
 * reads messages, and with it on the whole tree is read instead). A coding agent's history and tool
 * definitions are most of its request, tens to hundreds of kilobytes that a tree would turn into
 * thousands of objects only to write them back out unchanged.
 *
 * <p>The head's {@code messages} holds only the leading messages up to the first user message, which
 * is all the rules read (the billing header hashes that message's text); {@link #join} replaces it
 * with the client's array.
 *
 * @param source the client's body
 * @param spans the fields kept as bytes, in the client's order
 * @param messageCount how many messages the client's array holds
 */
record PassThroughBody(byte[] source, List<Span> spans, int messageCount) {
    private static final JsonMapper JSON = JsonMapper.shared();

    /** The fields no rule of the pass-through path reads. */
    private static final Set<String> UNREAD = Set.of("messages", "tools");

    /**
     * One field kept as bytes.
     *
     * @param name the field's name
     * @param from where its value starts in the source
     * @param to just past its value
     */
    record Span(String name, int from, int to) {}

    /**
     * The head of a body and the rest of it.
     *
     * @param head every field read as a tree, and {@code messages} with the leading messages only
     * @param body the client's body and where its unread fields lie
     */
    record Split(ObjectNode head, PassThroughBody body) {}

    /**
     * Splits a body into its head and its unread fields.
     *
     * @param body the client's body
     * @return the split, or empty when the body is not one JSON object with one {@code messages}
     *     array and no repeated field; the caller then reads the whole tree, which also gives the error
     */
    static Optional<Split> split(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            ObjectNode head = JSON.createObjectNode();
            Set<String> names = new HashSet<>();
            List<Span> spans = new ArrayList<>(2);
            int messageCount = -1;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!names.add(name)) {
                    return Optional.empty(); // a repeated field: the tree's reading decides which wins
                }
                // Only a structure is fully consumed once skipped, so only its end is known.
                if (UNREAD.contains(name) && (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT)) {
                    int from = (int) parser.currentTokenLocation().getByteOffset();
                    if (name.equals("messages") && value == JsonToken.START_ARRAY) {
                        ArrayNode leading = head.putArray("messages");
                        messageCount = readLeading(parser, leading);
                    } else {
                        parser.skipChildren();
                    }
                    spans.add(
                            new Span(name, from, (int) parser.currentLocation().getByteOffset()));
                } else {
                    head.set(name, parser.<JsonNode>readValueAsTree());
                }
            }
            if (messageCount < 0 || parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(new Split(head, new PassThroughBody(body, List.copyOf(spans), messageCount)));
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
    private static int readLeading(JsonParser parser, ArrayNode leading) {
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
     * The request to send: the head, shaped, then the unread fields as the client wrote them.
     *
     * @param head the head after the rules ran; its {@code messages} is removed
     * @return the whole body
     */
    byte[] join(ObjectNode head) {
        head.remove("messages");
        byte[] rest = JSON.writeValueAsBytes(head);
        int size = rest.length;
        for (Span span : spans) {
            size += span.name().length() + 4 + span.to() - span.from(); // ,"name": and the value
        }
        boolean first = rest.length == 2; // "{}"
        byte[] joined = new byte[first && !spans.isEmpty() ? size - 1 : size];
        int at = rest.length - 1; // the head without its closing brace
        System.arraycopy(rest, 0, joined, 0, at);
        for (Span span : spans) {
            if (!first) {
                joined[at++] = ',';
            }
            first = false;
            byte[] name = ("\"" + span.name() + "\":").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(name, 0, joined, at, name.length);
            at += name.length;
            System.arraycopy(source, span.from(), joined, at, span.to() - span.from());
            at += span.to() - span.from();
        }
        joined[at] = '}';
        return joined;
    }
}
