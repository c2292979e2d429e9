package io.clewdr.translate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the final Anthropic message from its stream events, the way the SDK accumulators do: the
 * {@code message_start} message, its content blocks in index order (text, thinking with its signature,
 * tool_use with the {@code input_json_delta} fragments parsed into {@code input}, other blocks as they
 * started), the stop fields of the last {@code message_delta} and the usage of {@code message_start}
 * merged with the cumulative usage of the deltas.
 *
 * <p>It also exposes the generated text as it arrives ({@link #outputText()}) so a caller can estimate
 * output tokens when the upstream reports none, and whether {@code message_stop} was seen
 * ({@link #complete()}): a stream that ends without it was cut.
 *
 * <p>Not thread-safe: one instance per response.
 */
public final class AnthropicMessageAccumulator {

    private static final Logger LOG = LoggerFactory.getLogger(AnthropicMessageAccumulator.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * One content block being built: the block as it started, the string fields grown by deltas (kept in
     * builders so a long answer is not copied on every delta) and the tool input fragments so far.
     */
    private record Block(ObjectNode node, Map<String, StringBuilder> grown, StringBuilder inputJson) {
        static Block of(ObjectNode start) {
            return new Block(start.deepCopy(), new LinkedHashMap<>(), new StringBuilder());
        }

        ObjectNode snapshot() {
            ObjectNode copy = node.deepCopy();
            grown.forEach((field, text) -> copy.put(field, text.toString()));
            return copy;
        }
    }

    private final Map<Integer, Block> blocks = new TreeMap<>();
    private final StringBuilder output = new StringBuilder();
    private ObjectNode message;
    private final ObjectNode usage = NODES.objectNode();
    private JsonNode stopReason;
    private JsonNode stopSequence;
    private boolean deltaUsageSeen;
    private JsonNode error;
    private boolean complete;

    private AnthropicMessageAccumulator() {}

    /** An empty accumulator for one response. */
    public static AnthropicMessageAccumulator create() {
        return new AnthropicMessageAccumulator();
    }

    /** Takes one event ({@code name} may be null, the data's {@code type} is used then). */
    public void onEvent(String name, JsonNode data) {
        String type = name != null && !name.isEmpty() ? name : data.path("type").asString("");
        switch (type) {
            case "message_start" -> onMessageStart(data.path("message"));
            case "content_block_start" -> {
                if (data.get("content_block") instanceof ObjectNode block) {
                    blocks.put(data.path("index").asInt(0), Block.of(block));
                }
            }
            case "content_block_delta" -> onDelta(blocks.get(data.path("index").asInt(0)), data.path("delta"));
            case "content_block_stop" -> finish(blocks.get(data.path("index").asInt(0)));
            case "message_delta" -> {
                JsonNode delta = data.path("delta");
                if (delta.has("stop_reason")) {
                    stopReason = delta.get("stop_reason");
                }
                if (delta.has("stop_sequence")) {
                    stopSequence = delta.get("stop_sequence");
                }
                if (data.get("usage") instanceof ObjectNode deltaUsage) {
                    usage.setAll(deltaUsage); // the delta counts are cumulative, so they replace
                    deltaUsageSeen |= deltaUsage.has("output_tokens");
                }
            }
            case "message_stop" -> complete = true;
            case "error" -> error = data.path("error");
            default -> {
                // ping and unknown events carry nothing for the final message
            }
        }
    }

    private void onMessageStart(JsonNode start) {
        message = start instanceof ObjectNode object ? object.deepCopy() : NODES.objectNode();
        if (message.get("usage") instanceof ObjectNode startUsage) {
            usage.setAll(startUsage);
        }
        if (message.has("stop_reason") && !message.get("stop_reason").isNull()) {
            stopReason = message.get("stop_reason");
        }
    }

    private void onDelta(Block block, JsonNode delta) {
        if (block == null) {
            return; // a delta for a block that never started: ignored, as the SDKs do
        }
        ObjectNode node = block.node();
        switch (delta.path("type").asString("")) {
            case "text_delta" -> append(block, "text", delta.path("text").asString(""), true);
            case "thinking_delta" ->
                append(block, "thinking", delta.path("thinking").asString(""), true);
            case "signature_delta" ->
                append(block, "signature", delta.path("signature").asString(""), false);
            case "input_json_delta" -> {
                String fragment = delta.path("partial_json").asString("");
                block.inputJson().append(fragment);
                output.append(fragment);
            }
            case "citations_delta" -> {
                if (delta.has("citation")) {
                    node.withArray("citations").add(delta.get("citation"));
                }
            }
            default -> {
                // a delta type we do not know leaves the block as it is
            }
        }
    }

    private void append(Block block, String field, String text, boolean generated) {
        block.grown()
                .computeIfAbsent(
                        field, f -> new StringBuilder(block.node().path(f).asString("")))
                .append(text);
        if (generated) {
            output.append(text);
        }
    }

    private void finish(Block block) {
        if (block == null || block.inputJson().isEmpty()) {
            return;
        }
        try {
            block.node().set("input", JSON.readTree(block.inputJson().toString()));
        } catch (JacksonException e) {
            // A cut stream leaves half a JSON; the block keeps the input it started with.
            LOG.debug(
                    "tool input of block {} is not complete JSON",
                    block.node().path("id").asString(""));
        }
        block.inputJson().setLength(0);
    }

    /**
     * The final message as accumulated so far: the message of {@code message_start} (or a bare
     * skeleton when there was none) with its content, stop fields and usage filled in.
     */
    public ObjectNode message() {
        ObjectNode result = message == null ? skeleton() : message.deepCopy();
        var content = result.putArray("content");
        for (Block block : blocks.values()) {
            finish(block);
            content.add(block.snapshot());
        }
        result.set("stop_reason", stopReason == null ? NODES.nullNode() : stopReason);
        result.set("stop_sequence", stopSequence == null ? NODES.nullNode() : stopSequence);
        result.set("usage", usage.deepCopy());
        return result;
    }

    private static ObjectNode skeleton() {
        ObjectNode skeleton = NODES.objectNode();
        skeleton.put("type", "message").put("role", "assistant");
        return skeleton;
    }

    /** The generated text so far: text, thinking and tool input fragments, in arrival order. */
    public String outputText() {
        return output.toString();
    }

    /** The cumulative {@code output_tokens} the upstream reported in a {@code message_delta}, if any. */
    public OptionalLong reportedOutputTokens() {
        return deltaUsageSeen && usage.path("output_tokens").canConvertToLong()
                ? OptionalLong.of(usage.path("output_tokens").asLong())
                : OptionalLong.empty();
    }

    /** The {@code input_tokens} the upstream reported, if any. */
    public OptionalLong reportedInputTokens() {
        return usage.path("input_tokens").canConvertToLong()
                ? OptionalLong.of(usage.path("input_tokens").asLong())
                : OptionalLong.empty();
    }

    /** Whether {@code message_stop} arrived; false means the stream was cut (or is still running). */
    public boolean complete() {
        return complete;
    }

    /** The {@code error} object of an in-stream error event, if one arrived. */
    public Optional<JsonNode> error() {
        return Optional.ofNullable(error);
    }
}
