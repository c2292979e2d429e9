package io.clewdr.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleHeapTrimTest {
    private static final long MB = 1L << 20;

    private final InFlight inFlight = new InFlight();
    private final AtomicLong committed = new AtomicLong(24 * MB);
    private final AtomicInteger collections = new AtomicInteger();
    /** A collection that shrinks the heap to what it takes to, as the serial collector would. */
    private long afterCollection = 30 * MB;

    private final IdleHeapTrim trim = new IdleHeapTrim(inFlight, committed::get, () -> {
        collections.incrementAndGet();
        committed.set(afterCollection);
    });

    @Test
    void a_heap_that_grew_during_a_burst_is_trimmed_once_the_server_is_quiet() {
        burst(200);
        committed.set(180 * MB);
        trim.run(); // the period that saw the burst's arrivals
        assertThat(collections).hasValue(0);

        trim.run(); // a whole period without arrivals
        assertThat(collections).hasValue(1);
        assertThat(committed.get()).isEqualTo(30 * MB);

        trim.run();
        trim.run();
        assertThat(collections).hasValue(1);
    }

    @Test
    void a_burst_is_collected_once_more_when_the_quiet_has_lasted_and_then_left_alone() {
        burst(200);
        committed.set(180 * MB);
        trim.run();
        trim.run(); // the first trim
        afterCollection = 26 * MB; // what the burst still held a moment ago is garbage by now
        for (int period = 1; period < IdleHeapTrim.SETTLE_PERIODS; period++) {
            trim.run();
        }
        assertThat(collections).hasValue(1);

        trim.run();
        assertThat(collections).hasValue(2);
        assertThat(committed.get()).isEqualTo(26 * MB);

        for (int period = 0; period < 3 * IdleHeapTrim.SETTLE_PERIODS; period++) {
            trim.run();
        }
        assertThat(collections).hasValue(2);
    }

    @Test
    void traffic_between_the_trim_and_the_follow_up_cancels_the_follow_up() {
        burst(200);
        committed.set(180 * MB);
        trim.run();
        trim.run();
        trim.run();
        burst(3); // a few requests, no growth
        trim.run();
        for (int period = 0; period < 3 * IdleHeapTrim.SETTLE_PERIODS; period++) {
            trim.run();
        }

        assertThat(collections).hasValue(1);
    }

    @Test
    void a_busy_server_is_never_interrupted() {
        committed.set(200 * MB);
        for (int period = 0; period < 10; period++) {
            burst(5);
            trim.run();
        }
        inFlight.enter(); // one long stream, no new arrivals
        trim.run();
        trim.run();
        assertThat(collections).hasValue(0);

        inFlight.leave();
        trim.run();
        assertThat(collections).hasValue(1);
    }

    @Test
    void small_growth_is_left_to_the_collector() {
        burst(10);
        committed.set(40 * MB);
        trim.run();
        trim.run();
        trim.run();
        assertThat(collections).hasValue(0);
    }

    @Test
    void a_collection_that_gave_nothing_back_is_not_repeated_until_the_heap_grows_again() {
        afterCollection = 120 * MB; // explicit collections disabled, or everything still live
        burst(50);
        committed.set(120 * MB);
        for (int period = 0; period < 3 * IdleHeapTrim.SETTLE_PERIODS; period++) {
            trim.run();
        }
        assertThat(collections).hasValue(1);

        burst(50);
        committed.set(150 * MB);
        trim.run();
        trim.run();
        assertThat(collections).hasValue(2);
    }

    private void burst(int requests) {
        for (int i = 0; i < requests; i++) {
            inFlight.enter();
            inFlight.leave();
        }
    }
}
