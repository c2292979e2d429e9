package io.clewdr.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The measured phases of a run, each over every target: JIT warm-up, c=1 latency in interleaved
 * rounds, the open-loop rate sweep, and the concurrent paced streams. Figures go into the result tree.
 */
record Phases(LoadClient client, Map<String, Child> systems, boolean quick, ObjectNode root, Random random) {
    private static final Logger LOG = LoggerFactory.getLogger(Phases.class);
    private static final long SECOND = 1_000_000_000L;

    private boolean alive(Target t) {
        Child c = systems.get(t.system());
        return c != null && c.alive();
    }

    void warm(List<Target> targets) throws Exception {
        ObjectNode warm = root.putObject("warmup");
        for (Target t : targets) {
            if (!alive(t)) {
                continue;
            }
            // Time-based: on one core the JIT needs tens of seconds of load before its compiles settle,
            // and a count of requests would give a slow (still interpreted) system the least warm-up.
            long until = System.nanoTime() + (quick ? 4 : 25) * SECOND;
            Outcomes probe = client.serial(t, 200).get();
            Outcomes o = probe;
            int n = 0;
            while (System.nanoTime() < until) {
                o = client.serial(t, 500).get();
                n += 500;
            }
            StreamStats s = StreamLoad.run(
                            client, t, 32, SECOND / 4, quick ? SECOND / 2 : 2 * SECOND, Pace.zeroDelay(), SECOND)
                    .get();
            warm.putObject(t.name())
                    .put("requests", n + 200)
                    .put("failures", o.failureCount() + probe.failureCount())
                    .put("failure_kinds", o.failures.toString() + probe.failures)
                    .put("streams", s.completed)
                    .put("stream_failures", s.failures.toString());
            LOG.info(
                    "Warm {}: {} requests, failures {}, streams {} {}",
                    t.name(),
                    n,
                    o.failures,
                    s.completed,
                    s.failures);
        }
    }

    void serial(List<Target> targets) throws Exception {
        int rounds = quick ? 2 : 5;
        ObjectNode c1 = root.putObject("c1");
        Rounds results = new Rounds();
        for (int r = 0; r < rounds; r++) {
            List<Target> order = new ArrayList<>(targets);
            Collections.shuffle(order, random);
            for (Target t : order) {
                if (!alive(t)) {
                    continue;
                }
                Outcomes probe = client.serial(t, 50).get();
                double meanNs = Math.max(20_000, probe.latency.getMean());
                int n = (int) Math.max(100, Math.min(quick ? 500 : 2000, (quick ? 0.5 : 2) * SECOND / meanNs));
                results.record(t.name(), client.serial(t, n).get());
            }
        }
        for (Target t : targets) {
            if (results.ran(t.name())) {
                results.write(t.name(), c1.putObject(t.name()));
            }
        }
    }

    void sweep(List<Target> targets) throws Exception {
        ObjectNode sweep = root.putObject("sweep");
        long warm = quick ? SECOND / 4 : SECOND / 2;
        long measure = quick ? SECOND / 2 : 2 * SECOND;
        List<Target> order = new ArrayList<>(targets);
        Collections.shuffle(order, random);
        for (Target t : order) {
            if (!alive(t)) {
                continue;
            }
            ObjectNode node = sweep.putObject(t.name());
            ArrayNode steps = node.putArray("steps");
            double rate = t.system().equals("portkey") ? 250 : 1000;
            double pass = 0;
            double fail = 0;
            ObjectNode best = null;
            for (int i = 0; i < (quick ? 3 : 8) && alive(t); i++) {
                ObjectNode step = step(t, rate, warm, measure);
                steps.add(step);
                boolean ok = step.get("ok").asBoolean();
                if (!ok) {
                    // One stall of a small machine (seen on two cores: the load generator itself 14 ms
                    // late, nginx's limit read as 1,750/s instead of 14,000/s) must not end a sweep: a
                    // missed rate is measured once more and fails only if both attempts miss.
                    ObjectNode again = step(t, rate, warm, measure);
                    again.put("repeat", true);
                    steps.add(again);
                    if (again.get("ok").asBoolean()) {
                        ok = true;
                        step = again;
                    }
                }
                if (ok) {
                    pass = rate;
                    best = step;
                } else {
                    fail = rate;
                }
                if (fail == 0) {
                    rate *= 2;
                } else if (pass == 0) {
                    rate /= 2;
                } else if (fail / pass > 1.2) {
                    rate = (pass + fail) / 2;
                } else {
                    break;
                }
                if (rate > 64_000 || rate < 50) {
                    break;
                }
            }
            node.put("sustained_rps", pass);
            if (best != null) {
                node.put("cpu_us_per_request", best.get("cpu_us_per_request").asDouble());
                node.put("rig_bound", best.get("rig_bound").asBoolean());
            }
            LOG.info("Sweep {}: sustained {} req/s", t.name(), pass);
        }
    }

    private ObjectNode step(Target t, double rate, long warm, long measure) throws Exception {
        Child sut = systems.get(t.system());
        Child mock = systems.get("mock");
        long self = ProcessHandle.current().pid();
        long cpu0 = ProcStat.cpuNanos(sut.pid());
        long rig0 = ProcStat.cpuNanos(mock.pid()) + ProcStat.cpuNanos(self);
        long wall0 = System.nanoTime();
        OpenLoop.Step s = OpenLoop.run(client, t, rate, warm, measure, 512).get();
        long wall = System.nanoTime() - wall0;
        long cpu = ProcStat.cpuNanos(sut.pid()) - cpu0;
        long rig = ProcStat.cpuNanos(mock.pid()) + ProcStat.cpuNanos(self) - rig0;
        Outcomes o = s.measured();
        long p99 = o.latency.getValueAtPercentile(99);
        boolean ok = o.failureCount() == 0 && o.latency.getTotalCount() > 0 && p99 <= 10_000_000L;
        ObjectNode step = Figures.NODES.objectNode();
        step.put("rate", rate);
        step.put("ok", ok);
        step.set("latency", Figures.of(o.latency));
        step.set("send_lag", Figures.of(o.sendLag));
        step.put("failures", o.failures.toString());
        double cpuPer = s.completed() == 0 || t.system().equals("mock") ? 0 : cpu / 1000.0 / s.completed();
        step.put("cpu_us_per_request", Math.round(cpuPer * 10) / 10.0);
        double rigShare = (double) rig / wall;
        step.put("load_core_busy", Math.round(rigShare * 100) / 100.0);
        step.put("rig_bound", rigShare > 0.9);
        LOG.info(
                "  {} @ {}/s: p99 {} us, failures {}, load core {}",
                t.name(),
                rate,
                Figures.us(p99),
                o.failures,
                rigShare);
        return step;
    }

    /**
     * A coding agent's request size ({@link AgentRequest}, about 50 KB) at a fixed rate through the
     * systems that relay Anthropic Messages: latency added over direct and CPU per request, in
     * interleaved rounds. A figure beside the targets, not one of them.
     */
    void agentSized(List<Target> targets) throws Exception {
        Set<String> relayed = Set.of("direct", "nginx", "netty-raw", "clewdr-code", "portkey-messages");
        List<Target> chosen =
                targets.stream().filter(t -> relayed.contains(t.name())).toList();
        byte[] body = AgentRequest.body();
        ObjectNode node = root.putObject("agent_sized");
        node.put("body_bytes", body.length);
        int rounds = quick ? 1 : 3;
        long measure = quick ? SECOND : 3 * SECOND;
        Rounds results = new Rounds();
        Map<String, long[]> cpu = new java.util.HashMap<>(); // nanoseconds, requests
        for (Target t : chosen) {
            if (alive(t)) {
                // The larger body takes code paths the small one never compiled.
                OpenLoop.run(client, t, body, rate(t), 0, quick ? SECOND : 10 * SECOND, 512)
                        .get();
            }
        }
        for (int r = 0; r < rounds; r++) {
            List<Target> order = new ArrayList<>(chosen);
            Collections.shuffle(order, random);
            for (Target t : order) {
                if (!alive(t)) {
                    continue;
                }
                long pid = systems.get(t.system()).pid();
                long cpu0 = ProcStat.cpuNanos(pid);
                OpenLoop.Step s = OpenLoop.run(client, t, body, rate(t), SECOND / 2, measure, 512)
                        .get();
                long used = ProcStat.cpuNanos(pid) - cpu0;
                cpu.computeIfAbsent(t.name(), k -> new long[2])[0] += used;
                cpu.get(t.name())[1] += s.completed();
                results.record(t.name(), s.measured());
            }
        }
        for (Target t : chosen) {
            if (!results.ran(t.name())) {
                continue;
            }
            ObjectNode o = node.putObject(t.name());
            o.put("rate", rate(t));
            results.write(t.name(), o);
            long[] c = cpu.get(t.name());
            if (!t.system().equals("mock") && c[1] > 0) {
                o.put("cpu_us_per_request", Math.round(c[0] / 100.0 / c[1]) / 10.0);
            }
            LOG.info("Agent-sized {}: {}", t.name(), o);
        }
    }

    /**
     * The agent-sized rate: 500 a second gives enough requests for a CPU figure well above the
     * clock tick's resolution; Portkey, whose sweep ends near 200 small requests a second, gets 100.
     */
    private static double rate(Target t) {
        return t.system().equals("portkey") ? 100 : 500;
    }

    void streams(List<Target> targets) throws Exception {
        ObjectNode streams = root.putObject("streams");
        int[] levels = quick ? new int[] {100, 500} : new int[] {1000, 2500, 5000};
        long ramp = quick ? SECOND : 2 * SECOND;
        long hold = quick ? SECOND : 4 * SECOND;
        long late = 10L * PaceHolder.PACED.intervalMillis() * 1_000_000L;
        Set<String> dropped = new HashSet<>();
        ObjectNode rss = root.putObject("rss_under_streams_kib");
        for (int level : levels) {
            List<Target> order = new ArrayList<>(targets);
            Collections.shuffle(order, random);
            for (Target t : order) {
                if (!alive(t) || dropped.contains(t.name())) {
                    continue;
                }
                Child sut = systems.get(t.system());
                long[] maxRss = {0};
                var sampler = client.loop()
                        .scheduleAtFixedRate(
                                () -> maxRss[0] = Math.max(maxRss[0], ProcStat.rssKib(sut.pid())),
                                0,
                                250,
                                java.util.concurrent.TimeUnit.MILLISECONDS);
                StreamStats s = StreamLoad.run(client, t, level, ramp, hold, PaceHolder.PACED, late)
                        .get();
                sampler.cancel(false);
                ObjectNode node = (streams.has(t.name())
                                ? (ObjectNode) streams.get(t.name())
                                : streams.putObject(t.name()))
                        .putObject(Integer.toString(level));
                node.setAll(Figures.of(s));
                node.put("rss_max_kib", maxRss[0]);
                boolean held = held(s, level);
                node.put("held", held);
                if (t.system().equals("clewdr")) {
                    rss.put(t.name() + "@" + level, maxRss[0]);
                }
                LOG.info(
                        "Streams {} x{}: held={} completed {} failures {} late {} maxActive {} delay p99 {} us",
                        t.name(),
                        level,
                        held,
                        s.completed,
                        s.failures,
                        s.late,
                        s.maxActive,
                        Figures.us(s.deltaDelay.getValueAtPercentile(99)));
                // Only a lost, cut or refused stream ends a system's climb; one that was late goes
                // on, so its memory and any loss at the higher levels are still measured. Whether
                // its lateness is its own or the rig's, the direct reference at the level tells.
                if (s.failureCount() > 0 || s.maxActive < level) {
                    dropped.add(t.name());
                }
            }
        }
    }

    private static boolean held(StreamStats s, int level) {
        return s.failureCount() == 0 && s.late == 0 && s.maxActive >= level;
    }

    /** The pace of the stream phase (gateways.md §13: 64 deltas 20 ms apart after 20 ms). */
    static final class PaceHolder {
        static final Pace PACED = BenchMain.PACED;

        private PaceHolder() {}
    }
}
