package io.clewdr.bench;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The results of a run of non-streaming requests: latencies from the intended start (nanoseconds)
 * and failures by reason. Used from one event loop only.
 */
final class Outcomes {
    final Histogram latency = new Histogram(60_000_000_000L, 3);
    final Histogram sendLag = new Histogram(60_000_000_000L, 3);
    final Map<String, Integer> failures = new TreeMap<>();

    void ok(long latencyNanos) {
        latency.recordValue(Math.max(0, latencyNanos));
    }

    void failed(String why) {
        failures.merge(why, 1, Integer::sum);
    }

    int failureCount() {
        return failures.values().stream().mapToInt(Integer::intValue).sum();
    }
}
