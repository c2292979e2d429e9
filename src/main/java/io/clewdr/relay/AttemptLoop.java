package io.clewdr.relay;

import io.clewdr.credential.CookiePool;
import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.PoolCounts;
import io.clewdr.server.HttpError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempt loop (clewdr-behaviour.md §5.3, improved): lease a cookie, try, hand the outcome to
 * the pool; on a cookie failure <b>or a transient failure</b> try again with another cookie, up to
 * {@code max_retries + 1} tries. The commit point is inside each try: a try reports success as soon
 * as the first byte is on its way to the client, and nothing is retried after that.
 *
 * <p>No usable cookie is a 503 with {@code Retry-After} (seconds until the soonest reset) and a
 * message that says why; exhausted retries give the last upstream error with its own status.
 */
final class AttemptLoop {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptLoop.class);

    private final CookiePool pool;
    private final IntSupplier maxRetries;
    private final Clock clock;

    AttemptLoop(CookiePool pool, IntSupplier maxRetries, Clock clock) {
        this.pool = pool;
        this.maxRetries = maxRetries;
        this.clock = clock;
    }

    <T> T run(@Nullable Long stickyHash, Predicate<CookieStatus> eligible, String backend, Attempt<T> attempt)
            throws InterruptedException {
        int tries = Math.max(0, maxRetries.getAsInt()) + 1;
        HttpError last = null;
        for (int i = 0; i < tries; i++) {
            Optional<CookieStatus> leased = pool.lease(stickyHash, eligible);
            if (leased.isEmpty()) {
                throw noCookie(backend, last);
            }
            CookieStatus cookie = leased.get();
            if (i > 0) {
                LOG.info("[RETRY] attempt {} with {}", i, cookie.cookie().masked());
            }
            Attempt.Result<T> result = attempt.run(cookie);
            switch (result) {
                case Attempt.Result.Done<T> done -> {
                    return done.value();
                }
                case Attempt.Result.Retry<T> retry -> {
                    pool.report(cookie.cookie(), retry.outcome());
                    LOG.warn(
                            "{} failed ({}), trying another cookie",
                            cookie.cookie().masked(),
                            retry.error().getMessage());
                    last = retry.error();
                }
                case Attempt.Result.Fail<T> fail -> {
                    pool.report(cookie.cookie(), fail.outcome());
                    throw fail.error();
                }
            }
        }
        throw last != null ? last : HttpError.of(502, "Retries exceeded");
    }

    private HttpError noCookie(String backend, @Nullable HttpError last) {
        PoolCounts counts = pool.counts();
        Optional<Instant> soonest = pool.soonestReset();
        StringBuilder why =
                new StringBuilder("No cookie available for ").append(backend).append(": ");
        why.append(counts.valid())
                .append(" valid, ")
                .append(counts.exhausted())
                .append(" cooling down, ")
                .append(counts.invalid())
                .append(" invalid, ")
                .append(counts.disabled())
                .append(" disabled");
        if (soonest.isPresent()) {
            why.append("; the next one is usable at ").append(soonest.get());
        }
        if (last != null) {
            why.append("; last upstream error: ").append(last.getMessage());
        }
        long seconds = soonest.map(t ->
                        Math.max(1, Duration.between(clock.instant(), t).toSeconds() + 1))
                .orElse(60L);
        // A wait of up to a minute is worth an SDK's automatic retry; a longer one is not, so the
        // client fails fast with the reason instead of hanging.
        List<Map.Entry<String, String>> headers = seconds <= 60
                ? List.of(Map.entry("retry-after", Long.toString(seconds)))
                : List.of(Map.entry("retry-after", Long.toString(seconds)), Map.entry("x-should-retry", "false"));
        return new HttpError(503, why.toString(), null, null, headers);
    }
}
