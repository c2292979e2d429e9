package io.clewdr.relay;

import java.util.List;

/**
 * One step between the upstream's events and the client's: it may rewrite, hold back, drop or add
 * events, and may decide that the response is complete (a stop sequence matched).
 */
interface EventStage {
    /**
     * Takes one event.
     *
     * @param event the event
     * @return the events to pass on
     */
    List<Event> onEvent(Event event);

    /**
     * The upstream ended; releases anything held back.
     *
     * @return the events to pass on
     */
    default List<Event> onEnd() {
        return List.of();
    }

    /** @return whether the response is complete and the upstream can be cancelled */
    default boolean stopped() {
        return false;
    }
}
