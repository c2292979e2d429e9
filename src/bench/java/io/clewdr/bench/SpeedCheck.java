package io.clewdr.bench;

/**
 * A fixed piece of CPU work timed on the driver's core: the same loop before every phase, so a
 * machine that slowed down during a run (a virtual machine's host, shared caches) shows it in the
 * table even when no time was counted as stolen. Only the driver's core is timed; the core under
 * test sits on the same host.
 */
final class SpeedCheck {
    private static final int ROUNDS = 50_000_000;
    private static long sink;

    private SpeedCheck() {}

    /** Runs the loop a few times so that the timed runs are compiled code. */
    static void warm() {
        for (int i = 0; i < 5; i++) {
            millis();
        }
    }

    /** Milliseconds the loop takes now (a xorshift generator, kept from being optimised away). */
    static double millis() {
        long start = System.nanoTime();
        long x = 88_172_645_463_325_252L;
        for (int i = 0; i < ROUNDS; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        sink += x;
        return Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
    }
}
