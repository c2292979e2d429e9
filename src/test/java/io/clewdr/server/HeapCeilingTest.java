package io.clewdr.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeapCeilingTest {
    private static final long MB = 1L << 20;

    private final AtomicLong committed = new AtomicLong(24 * MB);
    private final AtomicInteger collections = new AtomicInteger();
    /** What a collection shrinks the heap to, as the serial collector would for the live set. */
    private long afterCollection = 40 * MB;

    private Instant now = Instant.parse("2026-12-04T12:00:00Z");
    private final HeapCeiling ceiling = new HeapCeiling(
            128 * MB,
            committed::get,
            () -> {
                collections.incrementAndGet();
                committed.set(afterCollection);
            },
            () -> now);

    private void after(long millis) {
        now = now.plus(Duration.ofMillis(millis));
    }

    @Test
    void a_heap_under_its_ceiling_is_left_alone() {
        committed.set(128 * MB);
        ceiling.run();
        assertThat(collections).hasValue(0);
    }

    @Test
    void a_heap_grown_past_its_ceiling_under_load_is_collected_back_and_not_again_within_the_gap() {
        committed.set(200 * MB);
        ceiling.run();
        assertThat(collections).hasValue(1);
        assertThat(committed.get()).isEqualTo(40 * MB);

        committed.set(150 * MB); // promoted garbage piles up again at once
        after(HeapCeiling.MIN_GAP_MILLIS - 1);
        ceiling.run();
        assertThat(collections).hasValue(1);

        after(1);
        ceiling.run();
        assertThat(collections).hasValue(2);
    }

    @Test
    void a_live_set_above_the_ceiling_makes_each_wait_twice_as_long_up_to_the_limit() {
        afterCollection = 160 * MB; // the live set really is that large
        committed.set(200 * MB);
        ceiling.run();
        assertThat(collections).hasValue(1);

        long gap = HeapCeiling.MIN_GAP_MILLIS;
        for (int i = 2; i <= 8; i++) {
            gap = Math.min(2 * gap, HeapCeiling.MAX_GAP_MILLIS);
            after(gap - 1);
            ceiling.run();
            assertThat(collections).hasValue(i - 1);
            after(1);
            ceiling.run();
            assertThat(collections).hasValue(i);
        }
        assertThat(gap).isEqualTo(HeapCeiling.MAX_GAP_MILLIS);

        afterCollection = 40 * MB; // the large requests are done: back to the short gap
        after(HeapCeiling.MAX_GAP_MILLIS);
        ceiling.run();
        committed.set(150 * MB);
        after(HeapCeiling.MIN_GAP_MILLIS);
        ceiling.run();
        assertThat(collections).hasValue(10);
    }
}
