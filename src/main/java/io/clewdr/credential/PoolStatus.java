package io.clewdr.credential;

import java.util.List;

/**
 * The pool's cookies grouped by state, for the admin listing.
 *
 * @param valid leasable cookies
 * @param exhausted parked cookies
 * @param disabled cookies switched off by the user
 * @param invalid retired cookies
 */
public record PoolStatus(
        List<CookieStatus> valid,
        List<CookieStatus> exhausted,
        List<CookieStatus> disabled,
        List<RetiredCookie> invalid) {

    /** Copies every list. */
    public PoolStatus {
        valid = List.copyOf(valid);
        exhausted = List.copyOf(exhausted);
        disabled = List.copyOf(disabled);
        invalid = List.copyOf(invalid);
    }
}
