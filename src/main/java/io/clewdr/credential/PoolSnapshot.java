package io.clewdr.credential;

import java.util.List;

/**
 * The persistent content of the pool: what {@code clewdr.toml} holds as {@code [[cookie_array]]}
 * (valid, exhausted and disabled cookies) and {@code [[wasted_cookie]]} (retired ones). Also the input
 * from which a pool is loaded.
 *
 * @param cookies the usable and parked cookies, in a stable order
 * @param retired the retired cookies, in a stable order
 */
public record PoolSnapshot(List<CookieStatus> cookies, List<RetiredCookie> retired) {

    /** An empty pool. */
    public static final PoolSnapshot EMPTY = new PoolSnapshot(List.of(), List.of());

    /** Copies both lists. */
    public PoolSnapshot {
        cookies = List.copyOf(cookies);
        retired = List.copyOf(retired);
    }
}
