package io.clewdr.bench;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What a set of streams measured (nanoseconds): time to first byte and to first token from the
 * intended start, each delta's delay after its scheduled send time at the mock, every gap between
 * consecutive deltas, and failures by reason. Used from one event loop only.
 */
final class StreamStats {
    final Histogram ttfb = new Histogram(60_000_000_000L, 3);
    final Histogram ttft = new Histogram(60_000_000_000L, 3);
    final Histogram deltaDelay = new Histogram(60_000_000_000L, 3);
    final Histogram gap = new Histogram(60_000_000_000L, 3);
    final Map<String, Integer> failures = new TreeMap<>();
    long completed;
    long deltas;
    long late;
    int active;
    int maxActive;

    void failed(String why) {
        failures.merge(why, 1, Integer::sum);
    }

    int failureCount() {
        return failures.values().stream().mapToInt(Integer::intValue).sum();
    }

    void started() {
        active++;
        maxActive = Math.max(maxActive, active);
    }

    void stopped() {
        active--;
    }
}
