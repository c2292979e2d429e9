package io.clewdr.bench;

import tools.jackson.databind.JsonNode;

/** The printed table: every figure beside its target, with pass or miss. */
final class Report {
    private Report() {}

    static String table(JsonNode r) {
        StringBuilder out = new StringBuilder();
        out.append("ClewdR benchmark")
                .append(r.path("quick").asBoolean() ? " (QUICK smoke run)" : "")
                .append('\n');
        out.append("machine: ").append(r.path("machine").asString("")).append('\n');
        out.append("jvm flags (clewdr): ")
                .append(r.path("clewdr_jvm_flags").asString(""))
                .append('\n');
        out.append("loadavg at start: ")
                .append(r.path("loadavg_start").asString(""))
                .append("; at end: ")
                .append(r.path("loadavg_end").asString(""))
                .append('\n');
        out.append("steal (% of the machine's CPU time the hypervisor took, per phase): ")
                .append(r.path("steal_percent"))
                .append('\n');
        out.append("speed check (ms for one fixed loop on the driver's core before each phase; lower is faster): ")
                .append(r.path("speed_check_ms"))
                .append("\n\n");
        out.append(String.format(
                "%-18s %12s %12s %12s %10s %10s%n", "c=1 JSON", "p50 us", "p99 us", "failures", "+p50 us", "+p99 us"));
        r.path("c1").properties().forEach(e -> {
            JsonNode v = e.getValue();
            out.append(String.format(
                    "%-18s %12s %12s %12s %10s %10s%n",
                    e.getKey(),
                    v.path("latency").path("p50_us").asString(),
                    v.path("latency").path("p99_us").asString(),
                    v.path("failures").asString(),
                    v.path("added_p50_us").asString("-"),
                    v.path("added_p99_us").asString("-")));
        });
        out.append('\n')
                .append(String.format(
                        "%-18s %14s %14s %10s%n", "sweep (p99<10ms)", "sustained/s", "cpu us/req", "rig-bound"));
        r.path("sweep")
                .properties()
                .forEach(e -> out.append(String.format(
                        "%-18s %14s %14s %10s%n",
                        e.getKey(),
                        e.getValue().path("sustained_rps").asString(),
                        e.getValue().path("cpu_us_per_request").asString("-"),
                        e.getValue().path("rig_bound").asString("-"))));
        out.append('\n')
                .append(String.format(
                        "%-18s %8s %10s %10s %10s %10s %10s %8s%n",
                        "agent-sized "
                                + r.path("agent_sized").path("body_bytes").asLong() / 1000 + " KB",
                        "rate/s",
                        "p50 us",
                        "p99 us",
                        "+p50 us",
                        "+p99 us",
                        "cpu us/req",
                        "failures"));
        r.path("agent_sized").properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (v.isObject()) {
                out.append(String.format(
                        "%-18s %8s %10s %10s %10s %10s %10s %8s%n",
                        e.getKey(),
                        v.path("rate").asString(),
                        v.path("latency").path("p50_us").asString(),
                        v.path("latency").path("p99_us").asString(),
                        v.path("added_p50_us").asString("-"),
                        v.path("added_p99_us").asString("-"),
                        v.path("cpu_us_per_request").asString("-"),
                        v.path("failures").asString()));
            }
        });
        out.append('\n')
                .append(String.format(
                        "%-18s %6s %5s %8s %6s %5s %10s %10s %10s %10s %8s%n",
                        "paced streams",
                        "level",
                        "held",
                        "streams",
                        "fail",
                        "late",
                        "ttft p50",
                        "ttft p99",
                        "delay p50",
                        "delay p99",
                        "rss MiB"));
        r.path("streams")
                .properties()
                .forEach(e -> e.getValue().properties().forEach(l -> {
                    JsonNode v = l.getValue();
                    out.append(String.format(
                            "%-18s %6s %5s %8s %6s %5s %10s %10s %10s %10s %8d%n",
                            e.getKey(),
                            l.getKey(),
                            v.path("held").asString(),
                            v.path("completed").asString(),
                            v.path("failed").asString(),
                            v.path("late").asString(),
                            v.path("ttft").path("p50_us").asString(),
                            v.path("ttft").path("p99_us").asString(),
                            v.path("delta_delay").path("p50_us").asString(),
                            v.path("delta_delay").path("p99_us").asString(),
                            v.path("rss_max_kib").asLong() / 1024));
                }));
        out.append('\n').append("startup ms: ").append(r.path("startup_ms")).append('\n');
        out.append("rss idle KiB: ").append(r.path("rss_idle_kib")).append('\n');
        out.append("rss under streams KiB: ")
                .append(r.path("rss_under_streams_kib"))
                .append('\n');
        out.append("rss after KiB: ").append(r.path("rss_after_kib")).append('\n');
        out.append("artifact bytes: ").append(r.path("artifact_bytes")).append('\n');
        out.append('\n').append(Targets.check(r));
        return out.toString();
    }
}
