package io.clewdr.translate;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates an OpenAI Chat Completions request body into an Anthropic Messages request body.
 * Pure and stateless; one instance can serve every request.
 *
 * <p>Field by field (protocols.md §4, clewdr-behaviour.md §4.3):
 *
 * <ul>
 *   <li>{@code messages}: see {@link OpenAiMessages} (system/developer to {@code system}, merging,
 *       tool calls and results, images);
 *   <li>{@code max_tokens}, else {@code max_completion_tokens}, else 8192;
 *   <li>{@code stop} (a string or an array) to {@code stop_sequences}, whitespace-only entries dropped;
 *   <li>{@code n} other than 1 is refused: Anthropic returns one choice;
 *   <li>{@code temperature} capped to Anthropic's 0..1; {@code top_p}, {@code top_k}, {@code stream}
 *       copied when present;
 *   <li>{@code metadata.user_id}, else {@code user}, to {@code metadata.user_id} unless it looks
 *       like an e-mail address or phone number; other metadata keys are dropped because Anthropic
 *       refuses them;
 *   <li>{@code thinking} (Anthropic-shaped, as clewdr accepts it) copied when it is an object with a
 *       {@code type}; otherwise {@code reasoning_effort} sets {@code thinking:{type:"enabled",
 *       budget_tokens}}; {@code reasoning_effort} also sets {@code output_config.effort} in both
 *       cases, as clewdr does (per-model clamping is not done here);
 *   <li>{@code tools}, {@code tool_choice}, {@code parallel_tool_calls}: see {@link OpenAiTools};
 *       dropped entirely when tools are flattened.
 * </ul>
 *
 * <p>Every other field is ignored. The requested model is copied unchanged; model rules apply
 * later.
 */
public final class OpenAiToAnthropicRequest {

    /** What to do with tool definitions, calls and results. */
    public enum ToolHandling {
        /** Translate tools, calls and results to Anthropic's native tool blocks. */
        NATIVE,
        /**
         * For backends without tools (Claude.ai web): calls and results become plain text blocks,
         * tool definitions and the tool choice are dropped.
         */
        FLATTEN_TO_TEXT
    }

    /** Used when the request names no limit; the same default as clewdr. */
    static final int DEFAULT_MAX_TOKENS = 8192;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ToolHandling toolHandling;

    private OpenAiToAnthropicRequest(ToolHandling toolHandling) {
        this.toolHandling = toolHandling;
    }

    /** A translator for backends with native tools (the Anthropic API, Claude Code). */
    public static OpenAiToAnthropicRequest create() {
        return new OpenAiToAnthropicRequest(ToolHandling.NATIVE);
    }

    /** A translator with the given tool handling. */
    public static OpenAiToAnthropicRequest create(ToolHandling toolHandling) {
        return new OpenAiToAnthropicRequest(Objects.requireNonNull(toolHandling, "toolHandling"));
    }

    /**
     * Translates one request body.
     *
     * @throws TranslationException when the request cannot be expressed for Anthropic; {@link
     *     TranslationException#param()} names the offending parameter
     */
    public AnthropicRequest translate(JsonNode request) {
        if (!request.isObject()) {
            throw new TranslationException(
                    null, "request body: a " + request.getNodeType() + " (expected: a JSON object)");
        }
        rejectSeveralChoices(request.path("n"));
        boolean flatten = toolHandling == ToolHandling.FLATTEN_TO_TEXT;
        OpenAiMessages.Converted converted = OpenAiMessages.convert(request.path("messages"), flatten);

        ObjectNode out = NODES.objectNode();
        String model = request.path("model").asString("");
        out.put("model", model);
        out.put("max_tokens", maxTokens(request));
        out.set("messages", converted.messages());
        if (!converted.system().isEmpty()) {
            out.set("system", converted.system());
        }
        stopSequences(request.path("stop"), out);
        JsonNode temperature = request.path("temperature");
        if (temperature.isNumber()) {
            // OpenAI allows 0..2, Anthropic 0..1: cap as Anthropic's own OpenAI compatibility layer does.
            out.put("temperature", Math.min(1.0, Math.max(0.0, temperature.asDouble())));
        }
        for (String field : new String[] {"top_p", "top_k"}) {
            JsonNode value = request.path(field);
            if (value.isNumber()) {
                out.set(field, value.deepCopy());
            }
        }
        metadata(request, out);
        boolean stream = request.path("stream").asBoolean(false);
        if (stream) {
            out.put("stream", true);
        }
        reasoning(request, out);
        if (!flatten) {
            OpenAiTools.apply(request, out);
        }
        boolean includeUsage =
                stream && request.path("stream_options").path("include_usage").asBoolean(false);
        return new AnthropicRequest(out, new OpenAiRequestContext(model, stream, includeUsage));
    }

    private static void rejectSeveralChoices(JsonNode n) {
        if (n.isMissingNode() || n.isNull() || (n.isNumber() && n.asDouble() == 1.0)) {
            return;
        }
        throw new TranslationException(
                "n", "n: " + shorten(n.toString()) + " (expected: 1; Anthropic models return a single choice)");
    }

    private static int maxTokens(JsonNode request) {
        for (String field : new String[] {"max_tokens", "max_completion_tokens"}) {
            JsonNode value = request.path(field);
            if (value.isMissingNode() || value.isNull()) {
                continue;
            }
            if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > Integer.MAX_VALUE) {
                throw new TranslationException(
                        field, field + ": " + shorten(value.toString()) + " (expected: a positive integer)");
            }
            return value.asInt();
        }
        return DEFAULT_MAX_TOKENS;
    }

    private static void stopSequences(JsonNode stop, ObjectNode out) {
        if (stop.isMissingNode() || stop.isNull()) {
            return;
        }
        ArrayNode sequences = NODES.arrayNode();
        if (stop.isString()) {
            addStop(sequences, stop.stringValue());
        } else if (stop.isArray()) {
            for (int i = 0; i < stop.size(); i++) {
                if (!stop.get(i).isString()) {
                    throw new TranslationException(
                            "stop", "stop[" + i + "]: not a string (expected: a string or an array of strings)");
                }
                addStop(sequences, stop.get(i).stringValue());
            }
        } else {
            throw new TranslationException(
                    "stop", "stop: a " + stop.getNodeType() + " (expected: a string or an array of strings)");
        }
        if (!sequences.isEmpty()) {
            out.set("stop_sequences", sequences);
        }
    }

    private static void addStop(ArrayNode sequences, String value) {
        if (!value.isBlank()) { // Anthropic refuses whitespace-only stop sequences
            sequences.add(value);
        }
    }

    private static void metadata(JsonNode request, ObjectNode out) {
        JsonNode userId = request.path("metadata").path("user_id");
        if (!userId.isString()) {
            userId = request.path("user");
        }
        if (userId.isString() && !userId.stringValue().isEmpty() && !personal(userId.stringValue())) {
            out.putObject("metadata").put("user_id", userId.stringValue());
        }
    }

    /**
     * Anthropic asks for an opaque id, never an e-mail address or phone number; LiteLLM skips
     * those too (protocols.md §4.6).
     */
    private static boolean personal(String userId) {
        return userId.contains("@") || userId.matches("\\+?[0-9 ()\\-]{7,}");
    }

    private static void reasoning(JsonNode request, ObjectNode out) {
        JsonNode thinking = request.path("thinking");
        boolean anthropicThinking = thinking.isObject() && thinking.path("type").isString();
        if (anthropicThinking) {
            out.set("thinking", thinking.deepCopy());
        }
        JsonNode effortNode = request.path("reasoning_effort");
        if (effortNode.isMissingNode() || effortNode.isNull()) {
            return;
        }
        if (!effortNode.isString()) {
            throw new TranslationException(
                    "reasoning_effort",
                    "reasoning_effort: not a string (expected: none, minimal, low, medium, high, xhigh or max)");
        }
        ReasoningEffort effort = ReasoningEffort.from(effortNode.stringValue());
        if (!anthropicThinking) {
            ObjectNode enabled = out.putObject("thinking");
            enabled.put("type", "enabled");
            enabled.put("budget_tokens", effort.budgetTokens());
        }
        out.putObject("output_config").put("effort", effort.anthropicEffort());
    }

    private static String shorten(String value) {
        return value.length() <= 32 ? value : value.substring(0, 32) + "...";
    }
}
