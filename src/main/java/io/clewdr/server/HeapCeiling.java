package io.clewdr.server;

import java.time.InstantSource;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a busy server's heap near a soft ceiling, below the hard cap.
 *
 * <p>Under thousands of concurrent streams the serial collector promotes stream state that dies a
 * second later, and rather than collect the old generation it grows it, towards the cap: measured
 * at 5,000 paced streams with a 256 MB cap, the old generation grew by about 5 MB a second and the
 * process reached 343 MB resident, with the live set around 30 MB. So when the committed heap is
 * above the ceiling, one full collection runs (tens of milliseconds for such a live set), and the
 * launcher's free ratios let it shrink the heap again: 215 MB at the next such run, no delta late.
 * Collections are at least {@link #MIN_GAP_MILLIS} apart; one that left the heap above the ceiling
 * (the live set really is that large) doubles the wait before the next, up to {@link
 * #MAX_GAP_MILLIS}, so a large live set is not collected over and over.
 */
final class HeapCeiling implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(HeapCeiling.class);
    /** The shortest time between two collections this asks for. */
    static final long MIN_GAP_MILLIS = 10_000;
    /** The longest wait after collections that did not bring the heap under the ceiling. */
    static final long MAX_GAP_MILLIS = 300_000;

    private final long ceiling;
    private final LongSupplier committedHeap;
    private final Runnable collect;
    private final InstantSource clock;
    private long gap = MIN_GAP_MILLIS;
    private long nextAllowed = Long.MIN_VALUE;

    /**
     * @param ceiling the committed heap, in bytes, above which a collection is due
     * @param committedHeap the committed heap now
     * @param collect runs a full collection
     * @param clock the time
     */
    HeapCeiling(long ceiling, LongSupplier committedHeap, Runnable collect, InstantSource clock) {
        this.ceiling = ceiling;
        this.committedHeap = committedHeap;
        this.collect = collect;
        this.clock = clock;
    }

    /** One check; called every few seconds. */
    @Override
    public synchronized void run() {
        long committed = committedHeap.getAsLong();
        long now = clock.millis();
        if (committed <= ceiling || now < nextAllowed) {
            return;
        }
        collect.run();
        long after = committedHeap.getAsLong();
        gap = after <= ceiling ? MIN_GAP_MILLIS : Math.min(2 * gap, MAX_GAP_MILLIS);
        nextAllowed = now + gap;
        LOG.debug("Heap above its ceiling: {} MiB collected to {} MiB", committed >> 20, after >> 20);
    }
}
