package io.clewdr.bench;

import java.util.concurrent.TimeUnit;

/**
 * A process the bench started, with the {@code System.nanoTime()} of its launch.
 *
 * @param name what it is ({@code mock}, {@code nginx}, {@code portkey}, {@code clewdr})
 * @param process the process ({@code taskset} execs the command, so the pid is the server's)
 * @param launchedNanos when it was launched
 */
record Child(String name, Process process, long launchedNanos) {

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Asks it to stop (SIGTERM, so a JVM writes its class-data archive), then kills it after 5 s. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
