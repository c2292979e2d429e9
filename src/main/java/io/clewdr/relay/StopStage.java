package io.clewdr.relay;

import io.clewdr.translate.StopSequenceFilter;
import io.clewdr.translate.StopSequences;
import java.util.List;

/** Enforces the request's stop sequences on the stream, as the Anthropic API does. */
final class StopStage implements EventStage {
    private final StopSequenceFilter filter;

    StopStage(StopSequences sequences) {
        this.filter = sequences.streamFilter();
    }

    @Override
    public List<Event> onEvent(Event event) {
        return map(filter.onEvent(event.name(), event.data()), event);
    }

    @Override
    public List<Event> onEnd() {
        return map(filter.onEnd(), null);
    }

    @Override
    public boolean stopped() {
        return filter.stopped();
    }

    private static List<Event> map(StopSequenceFilter.Step step, Event original) {
        return step.events().stream()
                .map(e -> original != null && e.data() == original.data() ? original : Event.of(e.name(), e.data()))
                .toList();
    }
}
