package io.clewdr.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a fake upstream answers: a status, headers and a body made of steps (bytes, pauses, and the
 * faults a real upstream shows: a stall before the headers, a cut connection mid-body).
 */
public final class Reply {
    /** One step of the body. */
    sealed interface Step {
        /** Write and flush these bytes. */
        record Bytes(byte[] bytes) implements Step {}

        /** Wait before the next step. */
        record Pause(Duration duration) implements Step {}

        /** Close the connection without finishing the body. */
        record Cut() implements Step {}
    }

    final int status;
    final List<Map.Entry<String, String>> headers = new ArrayList<>();
    final List<Step> steps = new ArrayList<>();
    Duration delayBeforeHeaders = Duration.ZERO;
    boolean streamed;
    boolean resetBeforeHeaders;

    private Reply(int status) {
        this.status = status;
    }

    /**
     * A complete JSON answer.
     *
     * @param status the status
     * @param body the JSON
     * @return the reply
     */
    public static Reply json(int status, JsonNode body) {
        return json(status, JsonMapper.shared().writeValueAsString(body));
    }

    /**
     * A complete JSON answer from text.
     *
     * @param status the status
     * @param json the JSON text
     * @return the reply
     */
    public static Reply json(int status, String json) {
        Reply reply = new Reply(status);
        reply.header("content-type", "application/json");
        reply.steps.add(new Step.Bytes(json.getBytes(StandardCharsets.UTF_8)));
        return reply;
    }

    /**
     * A text answer.
     *
     * @param status the status
     * @param contentType the content type
     * @param text the body
     * @return the reply
     */
    public static Reply text(int status, String contentType, String text) {
        Reply reply = new Reply(status);
        reply.header("content-type", contentType);
        reply.steps.add(new Step.Bytes(text.getBytes(StandardCharsets.UTF_8)));
        return reply;
    }

    /**
     * An SSE stream (chunked); add events with {@link #event} and pauses with {@link #pause}.
     *
     * @return the reply
     */
    public static Reply sse() {
        Reply reply = new Reply(200);
        reply.streamed = true;
        reply.header("content-type", "text/event-stream");
        return reply;
    }

    /**
     * A connection closed before any response.
     *
     * @return the reply
     */
    public static Reply reset() {
        Reply reply = new Reply(0);
        reply.resetBeforeHeaders = true;
        return reply;
    }

    /**
     * Adds a header.
     *
     * @param name the name
     * @param value the value
     * @return this
     */
    public Reply header(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }

    /**
     * Adds an SSE event with a name and JSON data.
     *
     * @param name the event name (null for a data-only event)
     * @param data the data
     * @return this
     */
    public Reply event(String name, String data) {
        String frame = (name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n";
        return raw(frame);
    }

    /**
     * Adds a data-only SSE event.
     *
     * @param data the data
     * @return this
     */
    public Reply data(String data) {
        return raw("data: " + data + "\n\n");
    }

    /**
     * Adds raw body bytes.
     *
     * @param text the text
     * @return this
     */
    public Reply raw(String text) {
        steps.add(new Step.Bytes(text.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /**
     * Pauses the body.
     *
     * @param duration how long
     * @return this
     */
    public Reply pause(Duration duration) {
        steps.add(new Step.Pause(duration));
        return this;
    }

    /**
     * Cuts the connection at this point of the body.
     *
     * @return this
     */
    public Reply cut() {
        steps.add(new Step.Cut());
        return this;
    }

    /**
     * Waits before sending the status line (a slow or stalled upstream).
     *
     * @param duration how long
     * @return this
     */
    public Reply delay(Duration duration) {
        delayBeforeHeaders = duration;
        return this;
    }
}
