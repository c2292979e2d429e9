package io.clewdr.sse;

import java.util.Objects;

/**
 * One Server-Sent Event: the unit that flows between the decoder, the translators and the encoder.
 *
 * @param event the {@code event:} name, or {@code null} when the event had none
 * @param data the {@code data:} lines joined with {@code \n}; empty when the event had no data line
 * @param id the {@code id:} of this event, or {@code null}
 * @param retry the {@code retry:} reconnection delay in milliseconds, or {@code null}
 */
public record SseEvent(String event, String data, String id, Long retry) {

    /** Checks that {@code data} is present; every other component may be {@code null}. */
    public SseEvent {
        Objects.requireNonNull(data, "data");
    }

    /** An event with a name and data, the shape of every Anthropic stream event. */
    public static SseEvent of(String event, String data) {
        return new SseEvent(event, data, null, null);
    }

    /** An unnamed event holding only data, the shape of every OpenAI and Gemini stream chunk. */
    public static SseEvent data(String data) {
        return new SseEvent(null, data, null, null);
    }
}
