package io.clewdr.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the mock received, per method and path (uuids folded), served at {@code GET /_bench/stats}. */
final class MockStats {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String route) {
        counts.computeIfAbsent(route, k -> new LongAdder()).increment();
    }

    String json() {
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(counts).forEach((k, v) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(k.replace("\"", "")).append("\":").append(v.sum());
        });
        return out.append('}').toString();
    }
}
