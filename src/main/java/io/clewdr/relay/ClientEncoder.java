package io.clewdr.relay;

import java.util.List;

/**
 * Turns the Anthropic events that leave the relay into the client's wire frames (one SSE event per
 * frame, flushed one by one).
 */
interface ClientEncoder {
    /**
     * Frames for one event.
     *
     * @param event the event
     * @return the frames to write, possibly none
     */
    List<byte[]> encode(Event event);

    /**
     * Frames that close the stream: nothing more for a clean end, an error event when the upstream
     * was cut ({@code complete == false}), never a silent clean end after a cut.
     *
     * @param complete whether the upstream ended with {@code message_stop}
     * @param errorMessage what went wrong when not complete
     * @return the closing frames
     */
    List<byte[]> end(boolean complete, String errorMessage);

    /** @return the keep-alive frame for silences */
    byte[] keepAlive();

    /**
     * Whether an upstream event that no stage changed leaves as the upstream's own bytes, so the
     * encoder never reads its data.
     *
     * @return true for a pass-through
     */
    default boolean relaysUpstreamBytes() {
        return false;
    }
}
