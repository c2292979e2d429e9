package io.clewdr.translate;

/**
 * Maps an Anthropic {@code stop_reason} to an OpenAI {@code finish_reason} (protocols.md §4.8,
 * clewdr-behaviour.md §8.1): {@code max_tokens} and {@code model_context_window_exceeded} to {@code
 * length}, {@code tool_use} to {@code tool_calls}, {@code refusal} to {@code content_filter}, and
 * everything else ({@code end_turn}, {@code stop_sequence}, {@code pause_turn}, null, unknown) to
 * {@code stop}.
 */
final class FinishReason {

    private FinishReason() {}

    static String fromAnthropic(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }
}
