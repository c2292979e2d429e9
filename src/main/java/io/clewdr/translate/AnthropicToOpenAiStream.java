package io.clewdr.translate;

import io.clewdr.sse.SseEncoder;
import io.clewdr.sse.SseEvent;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates one Anthropic event stream into OpenAI {@code chat.completion.chunk} frames. Stateful:
 * create one per request, feed it every upstream event in order, call {@link #endOfStream()} when
 * the upstream ends. Not thread-safe. Each call returns the SSE frames to write, in order, already
 * encoded.
 *
 * <p>What comes out (protocols.md §2.4, §4.10, §7 item 2):
 *
 * <ul>
 *   <li>a role chunk first, {@code delta:{role:"assistant", content:""}};
 *   <li>{@code text_delta} as {@code delta.content}, {@code thinking_delta} as {@code
 *       delta.reasoning_content};
 *   <li>each {@code tool_use} block as a tool call whose {@code index} counts tool blocks only: a
 *       first chunk with id, type, name and empty arguments, then the {@code input_json_delta}
 *       fragments under the same index;
 *   <li>at {@code message_stop}: exactly one chunk with {@code finish_reason} (the last {@code
 *       message_delta}'s stop reason, mapped), then, only when usage was asked for, a chunk with
 *       {@code choices:[]} and the usage (earlier chunks then carry {@code usage:null}), then
 *       {@code data: [DONE]};
 *   <li>an upstream {@code error} event as {@code data: {"error":{...}}} then {@code [DONE]};
 *   <li>an upstream that ends without {@code message_stop} as an error chunk, never a clean finish.
 * </ul>
 *
 * <p>{@code ping}, {@code signature_delta}, {@code citations_delta}, server-tool blocks and unknown
 * events produce nothing. Every chunk carries the same {@code id}, {@code created} and {@code model}.
 */
public final class AnthropicToOpenAiStream {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OpenAiRequestContext context;
    private final Supplier<String> freshIds;
    private final long created;

    private ChunkFrames frames; // null until the first chunk, when the id and model are known
    private final Map<Integer, ToolBlock> toolBlocks = new HashMap<>();
    private int toolCount;
    private String stopReason;
    private final ObjectNode usage = NODES.objectNode();
    private boolean finished;

    /** A tool_use block in flight: its OpenAI index, and its start input in case no delta follows. */
    private static final class ToolBlock {
        final int index;
        final JsonNode startInput;
        boolean sawFragment;

        ToolBlock(int index, JsonNode startInput) {
            this.index = index;
            this.startInput = startInput;
        }
    }

    private AnthropicToOpenAiStream(OpenAiRequestContext context, InstantSource clock, Supplier<String> freshIds) {
        this.context = Objects.requireNonNull(context, "context");
        this.freshIds = Objects.requireNonNull(freshIds, "freshIds");
        this.created = clock.instant().getEpochSecond();
    }

    /** A translator for one stream; {@code created} is read from {@code clock} now. */
    public static AnthropicToOpenAiStream create(OpenAiRequestContext context, InstantSource clock) {
        return new AnthropicToOpenAiStream(context, clock, CompletionIds.RANDOM);
    }

    /** As {@link #create(OpenAiRequestContext, InstantSource)}, with the ids used when none is sent. */
    public static AnthropicToOpenAiStream create(
            OpenAiRequestContext context, InstantSource clock, Supplier<String> freshIds) {
        return new AnthropicToOpenAiStream(context, clock, freshIds);
    }

    /** Whether the OpenAI stream is complete ({@code [DONE]} was produced); later input is ignored. */
    public boolean finished() {
        return finished;
    }

    /**
     * Translates one decoded SSE event. Data that is not JSON is ignored, except for an {@code error}
     * event, which still ends the stream with an error chunk.
     */
    public List<byte[]> onEvent(SseEvent event) {
        JsonNode data;
        try {
            data = JSON.readTree(event.data());
        } catch (JacksonException e) {
            if ("error".equals(event.event())) {
                return error("upstream error event with unreadable data", "api_error");
            }
            return List.of();
        }
        return onEvent(event.event(), data == null ? NODES.missingNode() : data);
    }

    /**
     * Translates one event, given its SSE name (may be {@code null}) and its parsed data; the JSON
     * {@code type} decides, the name stands in when the data has none.
     */
    public List<byte[]> onEvent(String name, JsonNode data) {
        if (finished) {
            return List.of();
        }
        // The JSON type and the SSE name agree on Anthropic streams; the type is the more robust
        // of the two when a hop in between renamed or dropped the event line.
        String type = data.path("type").asString("");
        if (type.isEmpty()) {
            type = name == null ? "" : name;
        }
        List<byte[]> out = new ArrayList<>(3);
        switch (type) {
            case "message_start" -> {
                JsonNode message = data.path("message");
                start(
                        out,
                        message.path("id").asString(""),
                        message.path("model").asString(""));
                mergeUsage(message.path("usage"));
            }
            case "content_block_start" -> blockStart(out, data.path("index").asInt(-1), data.path("content_block"));
            case "content_block_delta" -> blockDelta(out, data.path("index").asInt(-1), data.path("delta"));
            case "content_block_stop" -> blockStop(out, data.path("index").asInt(-1));
            case "message_delta" -> {
                JsonNode reason = data.path("delta").path("stop_reason");
                if (reason.isString()) {
                    stopReason = reason.stringValue();
                }
                mergeUsage(data.path("usage"));
            }
            case "message_stop" -> finish(out);
            case "error" -> {
                JsonNode error = data.path("error");
                return error(
                        error.path("message").asString("upstream error"),
                        error.path("type").asString("api_error"));
            }
            default -> {
                // ping and event types added after this was written: nothing to say to the client
            }
        }
        return out;
    }

    /**
     * Signals that the upstream ended. Without a prior {@code message_stop} (or error) the stream was
     * cut: the client gets an error chunk and {@code [DONE]}, so it cannot mistake a partial answer
     * for a complete one. After a clean finish this returns nothing.
     */
    public List<byte[]> endOfStream() {
        if (finished) {
            return List.of();
        }
        return error("the upstream stream ended before the message was complete", "server_error");
    }

    private void start(List<byte[]> out, String anthropicId, String upstreamModel) {
        if (frames != null) {
            return;
        }
        frames = new ChunkFrames(
                CompletionIds.of(anthropicId, freshIds),
                created,
                AnthropicToOpenAiResponse.model(context, upstreamModel),
                context.includeUsage());
        ObjectNode delta = NODES.objectNode();
        delta.put("role", "assistant");
        delta.put("content", "");
        out.add(frames.delta(delta));
    }

    private void blockStart(List<byte[]> out, int index, JsonNode block) {
        start(out, "", "");
        switch (block.path("type").asString("")) {
            case "text" -> text(out, "content", block.path("text").asString(""));
            case "thinking" ->
                text(out, "reasoning_content", block.path("thinking").asString(""));
            case "tool_use" -> {
                ToolBlock tool = new ToolBlock(toolCount++, block.path("input"));
                toolBlocks.put(index, tool);
                ObjectNode call = NODES.objectNode();
                call.put("index", tool.index);
                call.put("id", block.path("id").asString(""));
                call.put("type", "function");
                ObjectNode function = call.putObject("function");
                function.put("name", block.path("name").asString(""));
                function.put("arguments", "");
                out.add(toolChunk(call));
            }
            default -> {
                // redacted thinking and server-tool blocks have no OpenAI form
            }
        }
    }

    private void blockDelta(List<byte[]> out, int index, JsonNode delta) {
        start(out, "", "");
        switch (delta.path("type").asString("")) {
            case "text_delta" -> text(out, "content", delta.path("text").asString(""));
            case "thinking_delta" ->
                text(out, "reasoning_content", delta.path("thinking").asString(""));
            case "input_json_delta" -> {
                ToolBlock tool = toolBlocks.get(index);
                String fragment = delta.path("partial_json").asString("");
                if (tool != null && !fragment.isEmpty()) {
                    tool.sawFragment = true;
                    out.add(arguments(tool.index, fragment));
                }
            }
            default -> {
                // signature_delta, citations_delta: no OpenAI form
            }
        }
    }

    private void blockStop(List<byte[]> out, int index) {
        ToolBlock tool = toolBlocks.remove(index);
        // A tool_use whose input came whole in content_block_start (no deltas) still needs its arguments.
        if (tool != null && !tool.sawFragment && tool.startInput.isObject() && !tool.startInput.isEmpty()) {
            out.add(arguments(tool.index, tool.startInput.toString()));
        }
    }

    private void finish(List<byte[]> out) {
        start(out, "", "");
        out.add(frames.finish(FinishReason.fromAnthropic(stopReason)));
        if (frames.includeUsage()) {
            out.add(frames.usage(OpenAiUsage.from(usage)));
        }
        out.add(SseEncoder.done());
        finished = true;
    }

    private List<byte[]> error(String message, String type) {
        finished = true;
        return ChunkFrames.error(message, type);
    }

    private void mergeUsage(JsonNode update) {
        if (update.isObject()) {
            update.properties().forEach(e -> {
                if (e.getValue().isIntegralNumber()) {
                    usage.set(e.getKey(), e.getValue());
                }
            });
        }
    }

    private void text(List<byte[]> out, String field, String text) {
        if (!text.isEmpty()) {
            ObjectNode delta = NODES.objectNode();
            delta.put(field, text);
            out.add(chunk(delta));
        }
    }

    private byte[] arguments(int index, String fragment) {
        ObjectNode call = NODES.objectNode();
        call.put("index", index);
        call.putObject("function").put("arguments", fragment);
        return toolChunk(call);
    }

    private byte[] toolChunk(ObjectNode call) {
        ObjectNode delta = NODES.objectNode();
        delta.putArray("tool_calls").add(call);
        return chunk(delta);
    }

    private byte[] chunk(ObjectNode delta) {
        return frames.delta(delta);
    }
}
