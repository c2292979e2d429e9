package io.clewdr.relay;

import io.clewdr.sse.SseEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One Anthropic stream event inside the relay: its {@code event:} name, its parsed data, and the
 * event exactly as the upstream sent it while no stage has changed it (so a pass-through writes the
 * upstream's own bytes, {@code id} and {@code retry} included).
 *
 * @param name the event name (the data's {@code type} when the upstream sent no name)
 * @param data the JSON data; null for a content delta a pass-through relayed without reading it into
 *     a tree (its usage was read from {@code raw}; see {@link UsageMeter#observeDelta})
 * @param raw the upstream event, or null once a stage rewrote it
 */
record Event(String name, @Nullable JsonNode data, @Nullable SseEvent raw) {
    /** A rewritten or synthesized event. */
    static Event of(String name, JsonNode data) {
        return new Event(name, data, null);
    }
}
