package io.clewdr.translate;

import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates a complete Anthropic message into an OpenAI {@code chat.completion} body. Stateless
 * and thread-safe; one instance serves every request.
 *
 * <p>One choice: text blocks concatenated into {@code content} ({@code null} when there are none),
 * thinking blocks into the de facto {@code reasoning_content} extension (only when present), {@code
 * tool_use} blocks into {@code tool_calls} with the input as compact JSON text. Other blocks
 * (redacted thinking, server tools) have no OpenAI form and are dropped. {@code finish_reason} per
 * {@link FinishReason}, usage per {@link OpenAiUsage}.
 */
public final class AnthropicToOpenAiResponse {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final InstantSource clock;
    private final Supplier<String> freshIds;

    private AnthropicToOpenAiResponse(InstantSource clock, Supplier<String> freshIds) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.freshIds = Objects.requireNonNull(freshIds, "freshIds");
    }

    /** A translator that stamps {@code created} from {@code clock}. */
    public static AnthropicToOpenAiResponse create(InstantSource clock) {
        return new AnthropicToOpenAiResponse(clock, CompletionIds.RANDOM);
    }

    /** As {@link #create(InstantSource)}, with the ids used when the message has none. */
    public static AnthropicToOpenAiResponse create(InstantSource clock, Supplier<String> freshIds) {
        return new AnthropicToOpenAiResponse(clock, freshIds);
    }

    /**
     * Translates one message.
     *
     * @param message the Anthropic response body ({@code type:"message"})
     * @param context the request it answers; its model is echoed (the upstream's when it is empty)
     * @throws TranslationException when {@code message} is not an Anthropic message
     */
    public ObjectNode translate(JsonNode message, OpenAiRequestContext context) {
        if (!message.isObject() || !message.path("content").isArray()) {
            throw new TranslationException(null, "upstream response: not an Anthropic message (no content array)");
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        boolean hasText = false;
        boolean hasReasoning = false;
        ArrayNode toolCalls = NODES.arrayNode();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asString("")) {
                case "text" -> {
                    text.append(block.path("text").asString(""));
                    hasText = true;
                }
                case "thinking" -> {
                    reasoning.append(block.path("thinking").asString(""));
                    hasReasoning = true;
                }
                case "tool_use" -> {
                    ObjectNode call = toolCalls.addObject();
                    call.put("id", block.path("id").asString(""));
                    call.put("type", "function");
                    ObjectNode function = call.putObject("function");
                    function.put("name", block.path("name").asString(""));
                    JsonNode input = block.path("input");
                    function.put("arguments", input.isMissingNode() || input.isNull() ? "{}" : input.toString());
                }
                default -> {
                    // no OpenAI form: redacted thinking, server tool blocks, future block types
                }
            }
        }
        ObjectNode out = NODES.objectNode();
        out.put("id", CompletionIds.of(message.path("id").asString(""), freshIds));
        out.put("object", "chat.completion");
        out.put("created", clock.instant().getEpochSecond());
        out.put("model", model(context, message.path("model").asString("")));
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode reply = choice.putObject("message");
        reply.put("role", "assistant");
        if (hasText) {
            reply.put("content", text.toString());
        } else {
            reply.putNull("content");
        }
        reply.putNull("refusal");
        if (hasReasoning) {
            reply.put("reasoning_content", reasoning.toString());
        }
        if (!toolCalls.isEmpty()) {
            reply.set("tool_calls", toolCalls);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", FinishReason.fromAnthropic(stopReason(message)));
        if (message.path("usage").isObject()) {
            out.set("usage", OpenAiUsage.from(message.path("usage")));
        }
        return out;
    }

    static String model(OpenAiRequestContext context, String upstreamModel) {
        return context.model().isEmpty() ? upstreamModel : context.model();
    }

    private static String stopReason(JsonNode message) {
        JsonNode reason = message.path("stop_reason");
        return reason.isString() ? reason.stringValue() : null;
    }
}
