package io.clewdr.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Adjusts logging after the configuration is known: the level (the original's {@code RUST_LOG},
 * accepted as a plain level name), and the optional daily-rolling file log in the log directory.
 * Unlike the original, old files are deleted after 14 days so the log cannot fill the disk.
 */
public final class LogSetup {
    private LogSetup() {}

    /**
     * Applies the logging settings.
     *
     * @param level a level name (trace, debug, info, warn, error) or null for info
     * @param logDir the log directory, used when {@code toFile}
     * @param toFile whether to add the file log
     */
    public static void apply(@Nullable String level, Path logDir, boolean toFile) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (level != null && !level.isBlank()) {
            root.setLevel(Level.toLevel(level.trim().toUpperCase(Locale.ROOT), Level.INFO));
        }
        if (!toFile) {
            return;
        }
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(logDir.resolve("clewdr.log").toString());
        TimeBasedRollingPolicy<ILoggingEvent> policy = new TimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(file);
        policy.setFileNamePattern(logDir.resolve("clewdr.log.%d{yyyy-MM-dd}").toString());
        policy.setMaxHistory(14);
        policy.start();
        file.setRollingPolicy(policy);
        file.setEncoder(LogConfigurator.encoder(context, LogConfigurator.FILE_PATTERN));
        file.start();
        root.addAppender(LogConfigurator.queued(context, "ASYNC_FILE", file));
    }

    /**
     * Writes the log lines still waiting in a batch, so that what the caller prints next on the
     * console comes after them.
     */
    public static void drain() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                    .iteratorForAppenders()
                    .forEachRemaining(a -> {
                        if (a instanceof BatchedAppender batched) {
                            batched.drain();
                        }
                    });
        }
    }

    /** Writes every queued log line and closes the appenders: the last step before the JVM exits. */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
