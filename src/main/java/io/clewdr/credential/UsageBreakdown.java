package io.clewdr.credential;

/**
 * Six saturating token counters: totals plus the Sonnet and Opus columns. Immutable; {@link #add}
 * returns a new value. Counters stop at {@link Long#MAX_VALUE} instead of wrapping.
 *
 * @param totalInputTokens every input token
 * @param totalOutputTokens every output token
 * @param sonnetInputTokens input tokens of Sonnet models
 * @param sonnetOutputTokens output tokens of Sonnet models
 * @param opusInputTokens input tokens of Opus models
 * @param opusOutputTokens output tokens of Opus models
 */
public record UsageBreakdown(
        long totalInputTokens,
        long totalOutputTokens,
        long sonnetInputTokens,
        long sonnetOutputTokens,
        long opusInputTokens,
        long opusOutputTokens) {

    /** All counters zero. */
    public static final UsageBreakdown ZERO = new UsageBreakdown(0, 0, 0, 0, 0, 0);

    /** Rejects negative counters. */
    public UsageBreakdown {
        requireNonNegative("totalInputTokens", totalInputTokens);
        requireNonNegative("totalOutputTokens", totalOutputTokens);
        requireNonNegative("sonnetInputTokens", sonnetInputTokens);
        requireNonNegative("sonnetOutputTokens", sonnetOutputTokens);
        requireNonNegative("opusInputTokens", opusInputTokens);
        requireNonNegative("opusOutputTokens", opusOutputTokens);
    }

    /**
     * Adds one exchange: always to the totals, and to the Sonnet or Opus columns for those families.
     * Returns {@code this} unchanged when both counts are zero.
     */
    public UsageBreakdown add(long input, long output, ModelFamily family) {
        requireNonNegative("input", input);
        requireNonNegative("output", output);
        if (input == 0 && output == 0) {
            return this;
        }
        boolean sonnet = family == ModelFamily.SONNET;
        boolean opus = family == ModelFamily.OPUS;
        return new UsageBreakdown(
                plus(totalInputTokens, input),
                plus(totalOutputTokens, output),
                sonnet ? plus(sonnetInputTokens, input) : sonnetInputTokens,
                sonnet ? plus(sonnetOutputTokens, output) : sonnetOutputTokens,
                opus ? plus(opusInputTokens, input) : opusInputTokens,
                opus ? plus(opusOutputTokens, output) : opusOutputTokens);
    }

    /** True when every counter is zero. */
    public boolean isZero() {
        return equals(ZERO);
    }

    private static long plus(long a, long b) {
        long sum = a + b;
        // Both are non-negative, so an overflow shows as a negative sum.
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
        }
    }
}
