package io.clewdr.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the processes of a run, each pinned with {@code taskset}: the mock on the load core, the
 * system under test on the proxy core (gateways.md §13). Logs go to {@code <dir>/logs}. Everything
 * started is stopped by {@link #close()} (and, should this JVM die, by the trap of {@code bench/run}).
 */
final class Rig implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Rig.class);

    /** The core of the mock and the load generator. */
    static final int LOAD_CORE = 0;

    /** The core of the system under test. */
    static final int PROXY_CORE = 1;

    private final Path dir;
    private final List<Child> children = new ArrayList<>();

    Rig(Path dir) {
        this.dir = dir;
        mkdirs(dir.resolve("logs"));
    }

    Path dir() {
        return dir;
    }

    Child mock(int port) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return start(
                "mock",
                LOAD_CORE,
                List.of(
                        java,
                        "-XX:+UseSerialGC",
                        "-Xms256m",
                        "-Xmx1g",
                        "-XX:ActiveProcessorCount=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        MockUpstream.class.getName(),
                        Integer.toString(port),
                        "1"),
                dir);
    }

    /**
     * The raw Netty pass-through ({@link RawNettyProxy}) on the proxy core, with the JVM flags of
     * the measured ClewdR (its heap, collector and compiler settings; not its AOT cache, which is
     * ClewdR's own), so the two differ only in what runs on them.
     */
    Child rawNetty(int port, int mockPort, String clewdrCommandLine) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        for (String arg : clewdrCommandLine.split(" ")) {
            if (arg.equals("-jar")) {
                break;
            }
            if (arg.startsWith("-") && !arg.startsWith("-XX:AOT") && !arg.startsWith("-Xlog:aot")) {
                command.add(arg);
            }
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                RawNettyProxy.class.getName(),
                Integer.toString(port),
                Integer.toString(mockPort)));
        return start("netty-raw", PROXY_CORE, command, dir);
    }

    Child nginx(int port, int mockPort) {
        Path home = dir.resolve("nginx");
        mkdirs(home.resolve("tmp"));
        write(home.resolve("nginx.conf"), ReferenceConfigs.nginx(home, port, mockPort));
        return start(
                "nginx",
                PROXY_CORE,
                List.of(
                        "nginx",
                        "-p",
                        home.toString(),
                        "-c",
                        home.resolve("nginx.conf").toString(),
                        "-e",
                        home.resolve("error.log").toString()),
                home);
    }

    Child portkey(int port, Path startScript) {
        return start(
                "portkey", PROXY_CORE, List.of("node", startScript.toString(), "--port=" + port, "--headless"), dir);
    }

    /** ClewdR through its launcher, with a fresh {@code clewdr.toml} pointing at the mock. */
    Child clewdr(Path launcher, ClewdrSetup setup) {
        Path home = dir.resolve("clewdr");
        mkdirs(home);
        Path toml = home.resolve("clewdr.toml");
        write(toml, setup.toml());
        return start("clewdr", PROXY_CORE, List.of(launcher.toString(), "-c", toml.toString()), home);
    }

    /** The command line of a running process (the launcher execs java, so its flags show here). */
    static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, java.nio.charset.StandardCharsets.UTF_8)
                    .replace('\0', ' ')
                    .trim();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private Child start(String name, int core, List<String> command, Path cwd) {
        List<String> pinned = new ArrayList<>(List.of("taskset", "-c", Integer.toString(core)));
        pinned.addAll(command);
        Path log = dir.resolve("logs").resolve(name + ".log");
        try {
            long at = System.nanoTime();
            Process p = new ProcessBuilder(pinned)
                    .directory(cwd.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Child child = new Child(name, p, at);
            children.add(child);
            LOG.info("Started {} (pid {}) on core {}", name, p.pid(), core);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Waits until {@code port} accepts a TCP connection; false after {@code timeoutMillis}. */
    static boolean listening(int port, long timeoutMillis) {
        long until = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < until) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                try {
                    Thread.sleep(5); // polling a port that is not open yet; no event to wait on
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    void stop(Child child) {
        child.stop();
        children.remove(child);
    }

    @Override
    public void close() {
        for (Child c : List.copyOf(children)) {
            stop(c);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdirs(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
