package io.clewdr.translate;

import io.clewdr.sse.SseEncoder;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes the SSE frames of one OpenAI chat completion stream. The part every chunk shares (id,
 * object, created, model, the choice's index) is rendered once; a chunk is then that prefix, the
 * delta and a fixed suffix, so a text delta costs one small serialisation and one concatenation.
 */
final class ChunkFrames {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String id;
    private final long created;
    private final String model;
    private final boolean includeUsage;
    private final String prefix;
    private final String usageTail;

    ChunkFrames(String id, long created, String model, boolean includeUsage) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.includeUsage = includeUsage;
        this.prefix = "{\"id\":" + quote(id) + ",\"object\":\"chat.completion.chunk\",\"created\":" + created
                + ",\"model\":" + quote(model) + ",\"choices\":[{\"index\":0,\"delta\":";
        // When usage was asked for, OpenAI sends "usage":null on every chunk but the usage chunk.
        this.usageTail = includeUsage ? ",\"usage\":null}" : "}";
    }

    /** A chunk carrying {@code delta} and no finish reason. */
    byte[] delta(ObjectNode delta) {
        return SseEncoder.data(prefix + delta + ",\"logprobs\":null,\"finish_reason\":null}]" + usageTail);
    }

    /** The chunk with an empty delta and the finish reason. */
    byte[] finish(String finishReason) {
        return SseEncoder.data(
                prefix + "{},\"logprobs\":null,\"finish_reason\":" + quote(finishReason) + "}]" + usageTail);
    }

    /** Whether a usage chunk belongs at the end of this stream. */
    boolean includeUsage() {
        return includeUsage;
    }

    /** The usage chunk: no choices, the usage filled in. */
    byte[] usage(ObjectNode usage) {
        ObjectNode chunk = NODES.objectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        chunk.putArray("choices");
        chunk.set("usage", usage);
        return SseEncoder.data(chunk.toString());
    }

    /** An OpenAI error frame ({@code {"error":{message, type, param, code}}}) and {@code [DONE]}. */
    static List<byte[]> error(String message, String type) {
        ObjectNode body = NODES.objectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        error.putNull("code");
        return List.of(SseEncoder.data(body.toString()), SseEncoder.done());
    }

    private static String quote(String value) {
        return NODES.stringNode(value).toString();
    }
}
