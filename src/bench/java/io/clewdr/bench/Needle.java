package io.clewdr.bench;

import java.nio.charset.StandardCharsets;

/**
 * Finds a short ASCII pattern in a byte stream fed one byte at a time, across chunk boundaries.
 * The patterns used here have no proper prefix that is also a suffix, so a mismatch restarts at
 * zero (or one, when the byte starts the pattern).
 */
final class Needle {
    private final byte[] pattern;
    private int matched;

    Needle(String pattern) {
        this.pattern = pattern.getBytes(StandardCharsets.US_ASCII);
    }

    /** Feeds one byte; true when it completes the pattern. */
    boolean feed(byte b) {
        if (b == pattern[matched]) {
            matched++;
            if (matched == pattern.length) {
                matched = 0;
                return true;
            }
            return false;
        }
        matched = b == pattern[0] ? 1 : 0;
        return false;
    }
}
