package io.clewdr.credential;

/**
 * How many cookies are in each state.
 *
 * @param valid leasable now
 * @param exhausted parked until their reset time
 * @param disabled switched off by the user
 * @param invalid retired for good
 */
public record PoolCounts(int valid, int exhausted, int disabled, int invalid) {

    /** Every cookie the pool knows. */
    public int total() {
        return valid + exhausted + disabled + invalid;
    }

    /** The log line: {@code Valid: X, Exhausted: Y, Disabled: D, Invalid: Z}. */
    @Override
    public String toString() {
        return "Valid: " + valid + ", Exhausted: " + exhausted + ", Disabled: " + disabled + ", Invalid: " + invalid;
    }
}
