package io.clewdr.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the mock paces a stream: the first delta {@code firstMillis} after the request arrived, then
 * {@code deltas} deltas {@code intervalMillis} apart, each on an absolute deadline (a late delta does
 * not push the later ones). The client asks for it in the prompt text ({@code pace=T0,N,D}), because
 * the proxies under test forward the prompt but not our own headers; no marker means a zero-delay
 * stream of {@link #ZERO_DELAY_DELTAS} deltas.
 *
 * @param firstMillis T0, the time to the first delta
 * @param deltas N, the number of content deltas
 * @param intervalMillis Δ, the time between deltas
 */
record Pace(int firstMillis, int deltas, int intervalMillis) {
    static final int ZERO_DELAY_DELTAS = 16;
    private static final Pattern MARKER = Pattern.compile("pace=(\\d+),(\\d+),(\\d+)");

    /** A stream with no delay at all. */
    static Pace zeroDelay() {
        return new Pace(0, ZERO_DELAY_DELTAS, 0);
    }

    /** The pace a request body asks for, or zero delay. */
    static Pace from(String body) {
        Matcher m = MARKER.matcher(body);
        if (!m.find()) {
            return zeroDelay();
        }
        return new Pace(
                Integer.parseInt(m.group(1)), Math.max(1, Integer.parseInt(m.group(2))), Integer.parseInt(m.group(3)));
    }

    /** The marker text that asks the mock for this pace. */
    String marker() {
        return "pace=" + firstMillis + "," + deltas + "," + intervalMillis;
    }

    boolean paced() {
        return firstMillis > 0 || intervalMillis > 0;
    }

    /** Nanoseconds from the request's arrival to the scheduled send of delta {@code seq}. */
    long offsetNanos(int seq) {
        return (firstMillis + (long) seq * intervalMillis) * 1_000_000L;
    }
}
