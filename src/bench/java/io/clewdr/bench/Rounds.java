package io.clewdr.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.node.ObjectNode;

/**
 * The latencies of interleaved rounds per target, and what each target adds over the direct
 * reference: per round, its p50 and p99 minus direct's in the same round, then the median over the
 * rounds, so a stall of the machine in one round does not decide the figure.
 */
final class Rounds {
    private static final long SECOND = 1_000_000_000L;
    private final Map<String, List<long[]>> perRound = new HashMap<>();
    private final Map<String, Histogram> merged = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();

    /** Records one round of a target. */
    void record(String target, Outcomes o) {
        perRound.computeIfAbsent(target, k -> new ArrayList<>())
                .add(new long[] {o.latency.getValueAtPercentile(50), o.latency.getValueAtPercentile(99)});
        merged.computeIfAbsent(target, k -> new Histogram(60 * SECOND, 3)).add(o.latency);
        failures.merge(target, o.failureCount(), Integer::sum);
    }

    /** Whether the target ran at least one round. */
    boolean ran(String target) {
        return perRound.containsKey(target);
    }

    /** Puts the target's merged latency, failures and added latency over direct into {@code o}. */
    void write(String target, ObjectNode o) {
        o.set("latency", Figures.of(merged.get(target)));
        o.put("failures", failures.get(target));
        List<long[]> rs = perRound.get(target);
        List<long[]> direct = perRound.get("direct");
        List<Long> d50 = new ArrayList<>();
        List<Long> d99 = new ArrayList<>();
        for (int i = 0; i < rs.size() && direct != null && i < direct.size(); i++) {
            d50.add(rs.get(i)[0] - direct.get(i)[0]);
            d99.add(rs.get(i)[1] - direct.get(i)[1]);
        }
        Collections.sort(d50);
        Collections.sort(d99);
        if (!d50.isEmpty()) {
            o.put("added_p50_us", Figures.us(d50.get(d50.size() / 2)));
            o.put("added_p99_us", Figures.us(d99.get(d99.size() / 2)));
            o.put("added_p99_iqr_us", Figures.us(d99.get(d99.size() * 3 / 4) - d99.get(d99.size() / 4)));
        }
    }
}
