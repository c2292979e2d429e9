package io.clewdr.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchedAppenderTest {
    private final LoggerContext context = new LoggerContext();
    private final Sink sink = new Sink();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void every_line_from_many_threads_arrives_once_and_in_each_threads_order() throws Exception {
        Logger log = logger(Duration.ofMillis(20), 64);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 2_000; i++) {
                    log.info("t{} line {}", id, i);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        context.stop();

        Map<String, Integer> next = new HashMap<>();
        List<String> lines = sink.lines();
        for (String line : lines) {
            String[] parts = line.split(" ");
            int expected = next.getOrDefault(parts[0], 0);
            assertThat(Integer.parseInt(parts[2])).as(line).isEqualTo(expected);
            next.put(parts[0], expected + 1);
        }
        assertThat(lines).hasSize(8_000);
        assertThat(next).containsOnlyKeys("t0", "t1", "t2", "t3");
    }

    @Test
    void a_lone_line_is_written_soon_without_further_traffic() {
        Logger log = logger(Duration.ofMillis(50), 4096);

        log.info("t0 line 0");

        await().atMost(Duration.ofSeconds(2)).until(() -> sink.lines().contains("t0 line 0"));
    }

    @Test
    void a_burst_of_lines_is_written_with_far_fewer_flushes_than_lines() {
        Logger log = logger(Duration.ofMillis(50), 4096);

        for (int i = 0; i < 1_000; i++) {
            log.info("t0 line {}", i);
        }

        await().atMost(Duration.ofSeconds(2)).until(() -> sink.lines().size() == 1_000);
        assertThat(sink.flushes.get()).isBetween(1, 20);
    }

    @Test
    void lines_still_waiting_are_written_when_the_appender_stops() {
        Logger log = logger(Duration.ofSeconds(30), 4096);
        for (int i = 0; i < 10; i++) {
            log.info("t0 line {}", i);
        }

        context.stop();

        assertThat(sink.lines()).hasSize(10).last().isEqualTo("t0 line 9");
    }

    @Test
    void drain_writes_the_waiting_lines_before_it_returns() {
        Logger log = logger(Duration.ofSeconds(30), 4096);
        log.info("t0 line 0");
        BatchedAppender batched = (BatchedAppender) log.getAppender("BATCHED");

        batched.drain();

        assertThat(sink.lines()).containsExactly("t0 line 0");
    }

    private Logger logger(Duration linger, int capacity) {
        context.setMDCAdapter(new LogbackMDCAdapter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> target = new OutputStreamAppender<>();
        target.setContext(context);
        target.setEncoder(encoder);
        target.setOutputStream(sink);
        target.setImmediateFlush(false);
        target.start();
        BatchedAppender batched = new BatchedAppender(target, linger, capacity);
        batched.setContext(context);
        batched.setName("BATCHED");
        batched.start();
        Logger log = context.getLogger("batched-test");
        log.setAdditive(false);
        log.addAppender(batched);
        return log;
    }

    /** What reached the stream, visible only once flushed, as a buffered stream would show it. */
    private static final class Sink extends ByteArrayOutputStream {
        final AtomicInteger flushes = new AtomicInteger();
        private volatile String flushed = "";

        @Override
        public synchronized void flush() {
            flushes.incrementAndGet();
            flushed = toString(StandardCharsets.UTF_8);
        }

        List<String> lines() {
            String text = flushed;
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }
    }
}
