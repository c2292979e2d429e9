package io.clewdr.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The benchmark driver: starts the mock, nginx, Portkey and ClewdR, measures each phase on every
 * target interleaved, and writes {@code results.json} and {@code results.txt} under the output
 * folder. Arguments: {@code <repo> <out> <portkey start script> [quick]}.
 */
public final class BenchMain {
    private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);
    static final int MOCK = 18101;
    static final int NGINX = 18102;
    static final int PORTKEY = 18103;
    static final int CLEWDR = 18104;
    static final int RAW = 18105;
    static final String PASSWORD = "bench-password-0123456789abcdef";
    static final Pace PACED = new Pace(20, 64, 20);

    private BenchMain() {}

    /**
     * Runs the benchmark.
     *
     * @param args repository folder, output folder, Portkey's start script, optional {@code quick}
     * @throws Exception when a phase fails outright
     */
    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]).toAbsolutePath();
        Path portkeyJs = Path.of(args[2]);
        boolean quick = args.length > 3 && args[3].equals("quick");
        Files.createDirectories(out);
        ObjectNode root = Figures.NODES.objectNode();
        root.put("quick", quick);
        root.put("started", Instant.now().toString());
        root.put("machine", Machine.describe());
        root.put("loadavg_start", ProcStat.read(Path.of("/proc/loadavg")).trim());
        try (Rig rig = new Rig(out);
                LoadClient client = new LoadClient()) {
            new BenchMain.Run(rig, client, repo, portkeyJs, quick, root).all();
        }
        root.put("loadavg_end", ProcStat.read(Path.of("/proc/loadavg")).trim());
        JsonMapper json = JsonMapper.builder().build();
        Files.writeString(
                out.resolve("results.json"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        Files.writeString(out.resolve("results.txt"), Report.table(root));
        LOG.info("Wrote {}", out.resolve("results.json"));
    }

    /** One run's state. */
    private record Run(Rig rig, LoadClient client, Path repo, Path portkeyJs, boolean quick, ObjectNode root) {

        void all() throws Exception {
            Child mock = rig.mock(MOCK);
            require(Rig.listening(MOCK, 20_000), "mock did not start");
            Map<String, Child> systems = new LinkedHashMap<>();
            systems.put("mock", mock);
            ObjectNode startup = root.putObject("startup_ms");
            ObjectNode idle = root.putObject("rss_idle_kib");
            Path jar = repo.resolve("target/clewdr.jar");
            root.put("artifact_bytes", Files.size(jar));
            Path launcher = repo.resolve("clewdr");
            Target code = targets().get(4);
            ClewdrSetup setup =
                    new ClewdrSetup(CLEWDR, MOCK, PASSWORD, Instant.now().getEpochSecond());
            // Start-up through the launcher users run, so its flags and its AOT cache are measured.
            // A fresh build has no cache: the first launch records it and writes it as it stops, so
            // a cold launch is timed, then warm ones.
            ObjectNode steal = root.putObject("steal_percent");
            ObjectNode speed = root.putObject("speed_check_ms");
            SpeedCheck.warm();
            speed.put("start-up", SpeedCheck.millis());
            long[] startTicks = ProcStat.machineTicks();
            ArrayNode launches = startup.putArray("clewdr_launches");
            for (int i = 0; i < 4; i++) {
                Child c = rig.clewdr(launcher, setup);
                long ns = client.firstAnswer(code, c.launchedNanos(), 30_000_000_000L)
                        .get();
                launches.add(ns < 0 ? -1 : ns / 1_000_000.0);
                if (i == 0) {
                    root.put("clewdr_jvm_flags", Rig.commandLine(c.pid()));
                }
                rig.stop(c);
                if (i == 0) {
                    // The cold launch writes the AOT cache from a child JVM after it stops: wait for
                    // it, or the next launch would record again and the child would steal the core.
                    awaitAotCache(repo.resolve("target/clewdr.aot"), jar);
                }
            }
            Child clewdr = rig.clewdr(launcher, setup);
            root.put("clewdr_jvm_flags_measured", Rig.commandLine(clewdr.pid()));
            require(Rig.listening(CLEWDR, 30_000), "clewdr did not start");
            Thread.sleep(1000); // let start-up settle before the idle reading; nothing to wait on
            idle.put("clewdr", ProcStat.rssKib(clewdr.pid()));
            systems.put("clewdr", clewdr);
            Child nginx = rig.nginx(NGINX, MOCK);
            startup.put(
                    "nginx",
                    ms(client.firstAnswer(targets().get(1), nginx.launchedNanos(), 20_000_000_000L)
                            .get()));
            systems.put("nginx", nginx);
            Child raw = rig.rawNetty(RAW, MOCK, Rig.commandLine(clewdr.pid()));
            require(Rig.listening(RAW, 20_000), "the raw Netty proxy did not start");
            systems.put("netty-raw", raw);
            Child portkey = rig.portkey(PORTKEY, portkeyJs);
            startup.put(
                    "portkey",
                    ms(client.firstAnswer(targets().get(2), portkey.launchedNanos(), 30_000_000_000L)
                            .get()));
            systems.put("portkey", portkey);
            steal.put("start-up", stealPercent(startTicks, ProcStat.machineTicks()));
            Thread.sleep(1000);
            idle.put("nginx", ProcStat.rssKib(nginx.pid()));
            idle.put("portkey", ProcStat.rssKib(portkey.pid()));
            idle.put("netty-raw", ProcStat.rssKib(raw.pid()));
            idle.put("mock", ProcStat.rssKib(mock.pid()));
            List<Target> targets = targets();
            Phases phases = new Phases(client, systems, quick, root, new Random(5));
            measured(steal, speed, "warm-up", () -> phases.warm(targets));
            measured(steal, speed, "c=1", () -> phases.serial(targets));
            measured(steal, speed, "sweep", () -> phases.sweep(targets));
            measured(steal, speed, "agent-sized", () -> phases.agentSized(targets));
            measured(steal, speed, "streams", () -> phases.streams(targets));
            root.putObject("rss_after_kib").put("clewdr", ProcStat.rssKib(clewdr.pid()));
            // The recovery window: half a minute of quiet, time for the server's first idle trim
            // (2 to 4 s in) and its follow-up once the burst has settled (10 s after that).
            Thread.sleep(quick ? 1000 : 30_000);
            ObjectNode after = (ObjectNode) root.get("rss_after_kib");
            after.put("clewdr_after_recovery", ProcStat.rssKib(clewdr.pid()));
            after.put("nginx", ProcStat.rssKib(nginx.pid()));
            after.put("portkey", ProcStat.rssKib(portkey.pid()));
            after.put("netty-raw", ProcStat.rssKib(raw.pid()));
            root.put("mock_stats", get("http://127.0.0.1:" + MOCK + "/_bench/stats"));
        }
    }

    /** A phase of the run. */
    interface Phase {
        void run() throws Exception;
    }

    /**
     * Runs {@code phase} after timing the {@link SpeedCheck}, and records the share of the machine's
     * CPU time the hypervisor took during it (steal): a phase whose figures a slow or stalled host
     * spoilt says so in the table.
     */
    static void measured(ObjectNode steal, ObjectNode speed, String name, Phase phase) throws Exception {
        speed.put(name, SpeedCheck.millis());
        long[] before = ProcStat.machineTicks();
        phase.run();
        steal.put(name, stealPercent(before, ProcStat.machineTicks()));
    }

    /** The share of the machine's CPU time between two {@link ProcStat#machineTicks()} readings that was stolen. */
    static double stealPercent(long[] before, long[] after) {
        long total = after[0] - before[0];
        return total <= 0 ? 0 : Math.round(1000.0 * (after[1] - before[1]) / total) / 10.0;
    }

    static void awaitAotCache(Path aot, Path jar) throws Exception {
        long until = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < until) {
            if (Files.exists(aot)
                    && Files.getLastModifiedTime(aot).compareTo(Files.getLastModifiedTime(jar)) > 0
                    && !Files.exists(aot.resolveSibling("clewdr.aot.config"))) {
                Thread.sleep(1000); // let the assembling JVM exit after it renamed its output
                return;
            }
            Thread.sleep(200); // polling a file another process writes; there is no event to wait on
        }
        LOG.warn("No AOT cache appeared at {}; warm launches will record one again", aot);
    }

    static String get(String url) throws Exception {
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    static double ms(long nanos) {
        return nanos < 0 ? -1 : Math.round(nanos / 10_000.0) / 100.0;
    }

    static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    /** Every target, in a fixed order: direct first (the reference the others are compared with). */
    static List<Target> targets() {
        Map<String, String> api = Map.of("x-api-key", "bench", "anthropic-version", "2023-06-01");
        String host = "http://127.0.0.1:" + MOCK + "/v1";
        Map<String, String> pkMessages = Map.of(
                "x-api-key", "bench",
                "anthropic-version", "2023-06-01",
                "x-portkey-provider", "anthropic",
                "x-portkey-custom-host", host);
        Map<String, String> pkChat = Map.of(
                "authorization", "Bearer bench", "x-portkey-provider", "anthropic", "x-portkey-custom-host", host);
        Map<String, String> cApi = Map.of("x-api-key", PASSWORD, "anthropic-version", "2023-06-01");
        Map<String, String> cBearer = Map.of("authorization", "Bearer " + PASSWORD);
        List<Target> list = new ArrayList<>();
        list.add(new Target("direct", "mock", MOCK, "/v1/messages", api, false));
        list.add(new Target("nginx", "nginx", NGINX, "/v1/messages", api, false));
        list.add(new Target("portkey-messages", "portkey", PORTKEY, "/v1/messages", pkMessages, false));
        list.add(new Target("portkey-chat", "portkey", PORTKEY, "/v1/chat/completions", pkChat, true));
        list.add(new Target("clewdr-code", "clewdr", CLEWDR, "/code/v1/messages", cApi, false));
        list.add(new Target("clewdr-code-chat", "clewdr", CLEWDR, "/code/v1/chat/completions", cBearer, true));
        list.add(new Target("clewdr-web", "clewdr", CLEWDR, "/v1/messages", cApi, false));
        list.add(new Target("netty-raw", "netty-raw", RAW, "/v1/messages", api, false));
        return Collections.unmodifiableList(list);
    }

    static Histogram copy(Histogram h) {
        return h.copy();
    }
}
