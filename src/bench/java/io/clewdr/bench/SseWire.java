package io.clewdr.bench;

/**
 * The SSE events the mock sends, as text. Every content delta carries {@code #seq@nanos;}: its
 * sequence number and its scheduled send time on the machine's monotonic clock ({@code
 * System.nanoTime()} is CLOCK_MONOTONIC, shared by every process here), so the client can tell
 * lost, reordered and late deltas apart through any proxy that keeps the text.
 */
final class SseWire {
    /** The text of every non-streaming answer; clients check it arrived. */
    static final String REPLY_TEXT = "Hello from the bench mock.";

    private SseWire() {}

    static String event(String name, String json) {
        return "event: " + name + "\ndata: " + json + "\n\n";
    }

    static String deltaText(int seq, long scheduledNanos) {
        return "#" + seq + "@" + scheduledNanos + ";";
    }

    /** {@code message_start} (and a ping) of the Messages API or, with {@code web}, of Claude.ai. */
    static String messageStart(String model, boolean web) {
        String id = web ? "chatcompl_bench" : "msg_bench";
        String extra = web ? ",\"trace_id\":\"trace_bench\"" : "";
        return event(
                        "message_start",
                        "{\"type\":\"message_start\",\"message\":{\"id\":\"" + id
                                + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model
                                + "\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                                + "\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}" + extra + "}")
                + event(
                        "content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":0,"
                                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                + event("ping", "{\"type\":\"ping\"}");
    }

    static String textDelta(String text) {
        return event(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text
                        + "\"}}");
    }

    static String messageEnd(int outputTokens, boolean web) {
        String limit = web
                ? event(
                        "message_limit",
                        "{\"type\":\"message_limit\",\"message_limit\":{\"type\":\"within_limit\","
                                + "\"resetsAt\":null,\"remaining\":null,\"perModelLimit\":null}}")
                : "";
        return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + event(
                        "message_delta",
                        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                                + "\"usage\":{\"output_tokens\":" + outputTokens + "}}")
                + limit
                + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    /** A legacy Claude.ai {@code completion} event ({@code rendering_mode: raw}). */
    static String completion(String text, String model, boolean last) {
        return event(
                "completion",
                "{\"type\":\"completion\",\"completion\":\"" + text + "\",\"stop_reason\":"
                        + (last ? "\"stop_sequence\"" : "null") + ",\"model\":\"" + model
                        + "\",\"stop\":null,\"log_id\":\"log_bench\"}");
    }

    /** The Messages API answer of a non-streaming call. */
    static String message(String model) {
        return "{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model
                + "\",\"content\":[{\"type\":\"text\",\"text\":\"" + REPLY_TEXT + "\"}],"
                + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":12,\"output_tokens\":7}}";
    }
}
