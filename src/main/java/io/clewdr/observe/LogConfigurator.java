package io.clewdr.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.joran.spi.ConsoleTarget;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.BufferedOutputStream;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The logging configuration, built in code and found by Logback as a service: parsing an XML file
 * would load several hundred classes and take a large share of the start-up time. The console gets
 * every line at {@code INFO} and above through the {@link Redactor}, written in batches by one
 * background thread ({@link BatchedAppender}) so that a slow terminal or a full pipe never stalls a
 * thread that serves requests, and a busy server does not pay a write for every line.
 *
 * <p>A {@code logback-test.xml} on the class path or a {@code logback.configurationFile} property
 * takes precedence: this configurator then steps aside for Logback's own.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %redactedMsg%n%ex{short}";
    static final String FILE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0} - %redactedMsg%n%ex{short}";
    /** How long a line may wait for others before its batch is written. */
    static final Duration LINGER = Duration.ofMillis(50);

    /** Creates the configurator (Logback instantiates it through the service loader). */
    public LogConfigurator() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // Standard output through a buffer that only the batch's flush empties: one write per batch.
        // Logback's console stream looks System.out up on every write, so a redirection still counts.
        OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder(context, CONSOLE_PATTERN));
        console.setOutputStream(new BufferedOutputStream(ConsoleTarget.SystemOut.getStream(), 64 * 1024));
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(queued(context, "ASYNC", console));
        context.getLogger("io.netty").setLevel(Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** An encoder of {@code pattern} in which {@code %redactedMsg} is the redacted message. */
    static LayoutWrappingEncoder<ILoggingEvent> encoder(Context context, String pattern) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("redactedMsg", RedactingConverter::new);
        layout.setPattern(pattern);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    /**
     * {@code target} behind a queue drained in batches by one thread; the target's stream is flushed
     * once per batch instead of once per line. Nothing is ever dropped: when the queue is full, a
     * logging thread waits for room like any other writer would.
     */
    static Appender<ILoggingEvent> queued(Context context, String name, OutputStreamAppender<ILoggingEvent> target) {
        target.setImmediateFlush(false);
        BatchedAppender batched = new BatchedAppender(target, LINGER, 4096);
        batched.setContext(context);
        batched.setName(name);
        batched.start();
        return batched;
    }
}
