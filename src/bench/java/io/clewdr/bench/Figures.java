package io.clewdr.bench;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Turns histograms (nanoseconds) into the JSON figures of results.json (microseconds). */
final class Figures {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Figures() {}

    static double us(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }

    static ObjectNode of(Histogram h) {
        ObjectNode o = NODES.objectNode();
        o.put("count", h.getTotalCount());
        o.put("p50_us", us(h.getValueAtPercentile(50)));
        o.put("p90_us", us(h.getValueAtPercentile(90)));
        o.put("p99_us", us(h.getValueAtPercentile(99)));
        o.put("p999_us", us(h.getValueAtPercentile(99.9)));
        o.put("max_us", us(h.getMaxValue()));
        return o;
    }

    static ObjectNode of(StreamStats s) {
        ObjectNode o = NODES.objectNode();
        o.put("completed", s.completed);
        o.put("failed", s.failureCount());
        o.putPOJO("failures", s.failures);
        o.put("deltas", s.deltas);
        o.put("late", s.late);
        o.put("max_active", s.maxActive);
        o.set("ttfb", of(s.ttfb));
        o.set("ttft", of(s.ttft));
        o.set("delta_delay", of(s.deltaDelay));
        o.set("gap", of(s.gap));
        return o;
    }
}
