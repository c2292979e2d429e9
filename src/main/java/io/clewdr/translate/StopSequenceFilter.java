package io.clewdr.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Enforces stop sequences on one Anthropic event stream. Feed it every upstream event in order
 * ({@link #onEvent}) and the end of the stream ({@link #onEnd}); each call returns the events to send
 * on, in order.
 *
 * <p>Text deltas are matched across delta boundaries. Of each text only the shortest tail that could
 * still be the start of a sequence is held back, so text is not delayed more than necessary; held text
 * is released at the block's end, at the message's end or at the stream's end. On a match the filter
 * emits the text before the sequence, {@code content_block_stop}, a {@code message_delta} with
 * {@code stop_reason:"stop_sequence"}, the sequence and a usage, and {@code message_stop}; from then on it
 * swallows everything and {@link Step#stopped()} tells the caller to cancel the upstream.
 *
 * <p>Not thread-safe: one instance per response, driven by one thread at a time.
 */
public final class StopSequenceFilter {

    /** One Anthropic SSE event: its {@code event:} name and its JSON data. */
    public record Event(String name, JsonNode data) {}

    /**
     * What to send on after one input.
     *
     * @param events the events to emit, in order (often the input itself, sometimes none)
     * @param stopped whether a sequence matched: the response is complete and the upstream can be cancelled
     */
    public record Step(List<Event> events, boolean stopped) {
        /** Defensive copy. */
        public Step {
            events = List.copyOf(events);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final StopSequences sequences;
    private final ToLongFunction<String> outputTokens;
    private final StringBuilder output = new StringBuilder();
    private String held = "";
    private ObjectNode heldTemplate;
    private int heldIndex = -1;
    private JsonNode startUsage;
    private JsonNode lastUsage;
    private boolean stopped;

    private StopSequenceFilter(StopSequences sequences, ToLongFunction<String> outputTokens) {
        this.sequences = sequences;
        this.outputTokens = outputTokens;
    }

    /** A filter whose final usage estimates output tokens with {@link TokenEstimator}. */
    public static StopSequenceFilter create(StopSequences sequences) {
        return new StopSequenceFilter(sequences, TokenEstimator::output);
    }

    /** A filter with its own output-token estimate for the final usage. */
    static StopSequenceFilter create(StopSequences sequences, ToLongFunction<String> outputTokens) {
        return new StopSequenceFilter(sequences, outputTokens);
    }

    /** Whether a sequence has matched; everything after that is swallowed. */
    public boolean stopped() {
        return stopped;
    }

    /** Takes one upstream event ({@code name} may be null, the data's {@code type} is used then). */
    public Step onEvent(String name, JsonNode data) {
        if (stopped) {
            return new Step(List.of(), true);
        }
        String type = name != null && !name.isEmpty() ? name : data.path("type").asString("");
        List<Event> out = new ArrayList<>(4);
        switch (type) {
            case "message_start" -> {
                startUsage = data.path("message").get("usage");
                out.add(new Event(type, data));
            }
            case "content_block_delta" -> {
                JsonNode delta = data.path("delta");
                String deltaType = delta.path("type").asString("");
                if (deltaType.equals("text_delta") && data instanceof ObjectNode object && !sequences.isEmpty()) {
                    return onText(
                            object,
                            data.path("index").asInt(0),
                            delta.path("text").asString(""));
                }
                release(out);
                if (deltaType.equals("thinking_delta")) {
                    output.append(delta.path("thinking").asString(""));
                } else if (deltaType.equals("text_delta")) {
                    output.append(delta.path("text").asString(""));
                }
                out.add(new Event(type, data));
            }
            case "content_block_start", "content_block_stop", "message_stop", "error" -> {
                release(out);
                out.add(new Event(type, data));
            }
            case "message_delta" -> {
                release(out);
                if (data.get("usage") != null) {
                    lastUsage = data.get("usage");
                }
                out.add(new Event(type, data));
            }
            default -> out.add(new Event(type, data)); // ping and unknown events do not end a text
        }
        return new Step(out, false);
    }

    /** The upstream ended: releases any held-back text. */
    public Step onEnd() {
        List<Event> out = new ArrayList<>(1);
        if (!stopped) {
            release(out);
        }
        return new Step(out, stopped);
    }

    private Step onText(ObjectNode data, int index, String text) {
        List<Event> out = new ArrayList<>(4);
        if (heldIndex != index) {
            release(out);
        }
        String combined = held + text;
        heldTemplate = data;
        heldIndex = index;
        var match = sequences.find(combined);
        if (match.isPresent()) {
            emitText(out, combined.substring(0, match.get().start()));
            held = "";
            stopped = true;
            out.add(new Event(
                    "content_block_stop",
                    NODES.objectNode().put("type", "content_block_stop").put("index", index)));
            out.add(new Event("message_delta", stopDelta(match.get().sequence())));
            out.add(new Event("message_stop", NODES.objectNode().put("type", "message_stop")));
            return new Step(out, true);
        }
        int hold = sequences.holdFrom(combined);
        emitText(out, combined.substring(0, hold));
        held = combined.substring(hold);
        return new Step(out, false);
    }

    private void release(List<Event> out) {
        if (!held.isEmpty()) {
            emitText(out, held);
            held = "";
        }
        heldIndex = -1;
    }

    /** A copy of the last text delta with {@code text} in it, so fields we do not know survive. */
    private void emitText(List<Event> out, String text) {
        if (text.isEmpty()) {
            return;
        }
        ObjectNode event = heldTemplate.deepCopy();
        ((ObjectNode) event.get("delta")).put("text", text);
        output.append(text);
        out.add(new Event("content_block_delta", event));
    }

    private ObjectNode stopDelta(String sequence) {
        ObjectNode event = NODES.objectNode().put("type", "message_delta");
        event.putObject("delta").put("stop_reason", "stop_sequence").put("stop_sequence", sequence);
        ObjectNode usage = event.putObject("usage");
        long reported = 0;
        for (JsonNode source : new JsonNode[] {startUsage, lastUsage}) {
            if (source instanceof ObjectNode known) {
                for (String field : List.of("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens")) {
                    if (known.get(field) != null && known.get(field).canConvertToLong()) {
                        usage.put(field, known.get(field).asLong());
                    }
                }
                reported = Math.max(reported, known.path("output_tokens").asLong(0));
            }
        }
        usage.put("output_tokens", Math.max(reported, outputTokens.applyAsLong(output.toString())));
        return event;
    }
}
