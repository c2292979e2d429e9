package io.clewdr.config;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload: polls the config file (content hash; about every 500 ms) on one daemon thread. Our own
 * saves are not edits (the file remembers what it wrote). A valid hand edit is taken in and the
 * {@link ConfigFile#onHandEdit} listeners get the new document; an invalid one is logged once (file,
 * line, key) and reported, and the process keeps running on the old settings. Polling rather than a
 * {@code WatchService} because editors replace files in many ways (rename, truncate, bind mounts in
 * containers) that watch events miss.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    /** The default polling interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);

    private final ConfigFile file;
    private final Consumer<ConfigException> onInvalid;
    private final ScheduledExecutorService executor;
    private String lastRejected = "";

    private ConfigWatcher(ConfigFile file, Consumer<ConfigException> onInvalid) {
        this.file = file;
        this.onInvalid = onInvalid;
        this.executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("clewdr-config-watcher").factory());
    }

    /**
     * Starts watching a loaded file.
     *
     * @param file the file ({@link ConfigFile#load()} done)
     * @param interval time between polls
     * @param onInvalid told once per distinct invalid edit (after the warning is logged)
     * @return the running watcher; {@link #close()} stops it
     */
    public static ConfigWatcher start(ConfigFile file, Duration interval, Consumer<ConfigException> onInvalid) {
        ConfigWatcher watcher = new ConfigWatcher(Objects.requireNonNull(file), Objects.requireNonNull(onInvalid));
        long millis = Math.max(1, interval.toMillis());
        watcher.executor.scheduleWithFixedDelay(watcher::poll, millis, millis, TimeUnit.MILLISECONDS);
        return watcher;
    }

    /**
     * Starts watching with the default interval, invalid edits only logged.
     *
     * @param file the file ({@link ConfigFile#load()} done)
     * @return the running watcher
     */
    public static ConfigWatcher start(ConfigFile file) {
        return start(file, DEFAULT_INTERVAL, problem -> {});
    }

    private void poll() {
        try {
            switch (file.reloadIfEdited()) {
                case ConfigFile.Reload.Unchanged unchanged -> {}
                case ConfigFile.Reload.Adopted adopted -> lastRejected = "";
                case ConfigFile.Reload.Rejected rejected -> {
                    if (!rejected.contentHash().equals(lastRejected)) {
                        lastRejected = rejected.contentHash();
                        LOG.warn(
                                "Ignoring the hand edit of the config file, keeping the running settings: {}",
                                rejected.problem().getMessage());
                        onInvalid.accept(rejected.problem());
                    }
                }
            }
        } catch (RuntimeException e) {
            // a failing poll must not cancel the schedule
            LOG.warn("Config file check failed: {}", e.getMessage());
        }
    }

    /** Stops polling and waits briefly for a poll in progress. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
