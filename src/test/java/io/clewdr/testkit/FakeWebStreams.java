package io.clewdr.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SSE bodies Claude.ai's {@code /completion} answers (protocols.md §8.3): in {@code messages}
 * rendering Anthropic-style events with the site's extras ({@code chatcompl_} ids, {@code trace_id},
 * timestamps on content blocks, {@code message_delta} without usage, {@code message_limit},
 * {@code ping}s); in {@code raw} rendering {@code event: completion} pieces.
 */
final class FakeWebStreams {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String STAMP = "2026-01-01T00:00:00.000000Z";
    private static final AtomicLong IDS = new AtomicLong();

    /**
     * How one answer goes.
     *
     * @param model the model to report ({@code ""} when the request named none, as for free accounts)
     * @param thinking a thinking text to stream as a first block, or null for none
     * @param text the answer text
     * @param cutAfter cut the connection after this many text pieces (before {@code message_stop}),
     *     or -1 to finish normally
     * @param firstEventDelay a pause after the headers, before the first event
     */
    record Shape(String model, String thinking, String text, int cutAfter, Duration firstEventDelay) {}

    private FakeWebStreams() {}

    /** The text in pieces of about a quarter each (at least one piece, even for empty text). */
    static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        int step = Math.max(1, (text.length() + 3) / 4);
        for (int i = 0; i < text.length(); i += step) {
            out.add(text.substring(i, Math.min(text.length(), i + step)));
        }
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }

    /** The {@code messages}-mode stream. */
    static Reply messages(Shape shape) {
        Reply reply = start(shape);
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode message = start.putObject("message");
        message.put("id", "chatcompl_01Fake" + IDS.incrementAndGet());
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", shape.model());
        message.put("uuid", java.util.UUID.randomUUID().toString());
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.put("trace_id", "fake-trace-" + IDS.get());
        reply.event("message_start", write(start));
        reply.event("ping", "{\"type\":\"ping\"}");
        int index = 0;
        if (shape.thinking() != null) {
            reply.event("content_block_start", write(blockStart(index, "thinking", "thinking")));
            reply.event("content_block_delta", delta(index, "thinking_delta", "thinking", shape.thinking()));
            reply.event("content_block_stop", blockStop(index));
            index++;
        }
        reply.event("content_block_start", write(blockStart(index, "text", "text")));
        List<String> pieces = pieces(shape.text());
        for (int i = 0; i < pieces.size(); i++) {
            if (i == shape.cutAfter()) {
                return reply.cut();
            }
            reply.event("content_block_delta", delta(index, "text_delta", "text", pieces.get(i)));
            if (i == 1) {
                reply.event("ping", "{\"type\":\"ping\"}");
            }
        }
        if (shape.cutAfter() >= pieces.size()) {
            return reply.cut();
        }
        reply.event("content_block_stop", blockStop(index));
        reply.event(
                "message_delta",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null}}");
        reply.event("message_limit", messageLimit());
        reply.event("message_stop", "{\"type\":\"message_stop\"}");
        return reply;
    }

    /** The {@code raw}-mode stream: one {@code completion} event per piece, then the stop event. */
    static Reply raw(Shape shape) {
        Reply reply = start(shape);
        String id = "chatcompl_01Fake" + IDS.incrementAndGet();
        List<String> pieces = pieces(shape.text());
        for (int i = 0; i < pieces.size(); i++) {
            if (i == shape.cutAfter()) {
                return reply.cut();
            }
            reply.event("completion", completion(id, shape.model(), pieces.get(i), null));
            if (i == 0) {
                reply.event("ping", "{\"type\":\"ping\"}");
            }
        }
        if (shape.cutAfter() >= pieces.size()) {
            return reply.cut();
        }
        reply.event("completion", completion(id, shape.model(), "", "stop_sequence"));
        return reply;
    }

    /** A stream whose first event is an {@code overloaded_error}. */
    static Reply overloaded() {
        return Reply.sse()
                .event(
                        "error",
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
    }

    private static Reply start(Shape shape) {
        Reply reply = Reply.sse();
        if (shape.firstEventDelay() != null && !shape.firstEventDelay().isZero()) {
            reply.pause(shape.firstEventDelay());
        }
        return reply;
    }

    private static ObjectNode blockStart(int index, String type, String field) {
        ObjectNode event =
                JSON.createObjectNode().put("type", "content_block_start").put("index", index);
        ObjectNode block = event.putObject("content_block");
        block.put("start_timestamp", STAMP);
        block.putNull("stop_timestamp");
        block.put("type", type);
        block.put(field, "");
        if (type.equals("thinking")) {
            block.putArray("summaries");
            block.put("cut_off", false);
        } else {
            block.putArray("citations");
        }
        return event;
    }

    private static String delta(int index, String type, String field, String text) {
        ObjectNode event =
                JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
        event.putObject("delta").put("type", type).put(field, text);
        return write(event);
    }

    private static String blockStop(int index) {
        return "{\"type\":\"content_block_stop\",\"index\":" + index + ",\"stop_timestamp\":\"" + STAMP + "\"}";
    }

    private static String completion(String id, String model, String piece, String stopReason) {
        ObjectNode event = JSON.createObjectNode().put("type", "completion").put("id", id);
        event.put("completion", piece);
        event.put("stop_reason", stopReason);
        event.put("model", model);
        event.putNull("stop");
        event.put("log_id", "fake-log-" + id);
        event.putObject("messageLimit").put("type", "within_limit");
        return write(event);
    }

    private static String messageLimit() {
        return "{\"type\":\"message_limit\",\"message_limit\":{\"type\":\"within_limit\",\"resetsAt\":null,"
                + "\"remaining\":null,\"perModelLimit\":null,\"representativeClaim\":\"five_hour\","
                + "\"overageDisabledReason\":null,\"overageInUse\":false,\"windows\":{\"5h\":{\"status\":"
                + "\"within_limit\",\"resets_at\":null,\"utilization\":0.12},\"7d\":{\"status\":\"within_limit\","
                + "\"resets_at\":null,\"utilization\":0.03}}}}";
    }

    private static String write(ObjectNode node) {
        return JSON.writeValueAsString(node);
    }
}
