package io.clewdr.credential;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single owner of cookie state: leases cookies round-robin (or sticky by prompt hash), learns from
 * upstream outcomes, and applies the user's actions. Thread-safe.
 *
 * <p>Design: one short {@link ReentrantLock} guards the {@link CookieTable} and the sticky bindings;
 * no I/O and no blocking happens under it, and time comes from the injected {@link Clock}. Every
 * change is handed to a {@link PoolPersister} after the lock is released: changes learned from
 * upstreams with {@code requestSave()} (a crash may lose the last coalescing window, which upstreams
 * will tell us again), user actions with {@code saveNow()}, so they are durable when the call returns.
 */
public final class CookiePool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CookiePool.class);

    /** How often {@link #start} runs {@link #tick()}. */
    public static final Duration TICK_PERIOD = Duration.ofSeconds(300);

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final CookieTable table = new CookieTable();
    private final StickyBindings sticky;
    private final PoolPersister persister;
    private ScheduledFuture<?> ticker;

    private CookiePool(Clock clock, CredentialStore store, int stickyCapacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sticky = new StickyBindings(stickyCapacity);
        this.persister = PoolPersister.create(store, this::snapshot);
    }

    /**
     * A pool holding {@code initial} (as loaded by {@link CookieCodec#decodeAll}) that persists into
     * {@code store}. Entries with {@code disabled} start disabled, entries with a future reset time
     * exhausted; a past reset time is cleared with the session and weekly usage zeroed. Duplicates
     * are dropped (the first entry wins).
     */
    public static CookiePool create(Clock clock, CredentialStore store, PoolSnapshot initial) {
        return create(clock, store, initial, StickyBindings.CAPACITY);
    }

    static CookiePool create(Clock clock, CredentialStore store, PoolSnapshot initial, int stickyCapacity) {
        CookiePool pool = new CookiePool(clock, store, stickyCapacity);
        boolean changed = pool.locked(() -> {
            initial.cookies().forEach(pool.table::add);
            initial.retired().forEach(pool.table::add);
            return pool.table.resetExpired(clock.instant());
        });
        LOG.info("Cookie pool loaded. {}", pool.counts());
        pool.changed(changed, null);
        return pool;
    }

    /** Runs {@link #tick()} now and then every {@link #TICK_PERIOD} on {@code scheduler}. */
    public ScheduledFuture<?> start(ScheduledExecutorService scheduler) {
        Runnable safeTick = () -> {
            try {
                tick();
            } catch (RuntimeException e) {
                // An escaping exception would cancel the schedule for good.
                LOG.error("Cookie pool tick failed", e);
            }
        };
        ScheduledFuture<?> future =
                scheduler.scheduleAtFixedRate(safeTick, 0, TICK_PERIOD.toSeconds(), TimeUnit.SECONDS);
        locked(() -> ticker = future);
        return future;
    }

    /** Leases the next valid cookie round-robin, without stickiness or filtering. */
    public Optional<CookieStatus> lease() {
        return lease(null, status -> true);
    }

    /**
     * Leases a cookie. First restores cookies whose reset time has passed. Then, when {@code stickyHash}
     * is bound to a cookie used less than an hour ago that is still valid and {@code eligible}, returns
     * that one (the rotation is not moved). Otherwise takes the first eligible cookie from the front of
     * the rotation, moves it to the back, and binds the hash to it. Empty when no cookie qualifies.
     *
     * @param stickyHash the prompt hash of a cacheable request, or null
     * @param eligible which cookies this request may use; runs under the pool's lock, so keep it fast
     */
    public Optional<CookieStatus> lease(Long stickyHash, Predicate<CookieStatus> eligible) {
        Objects.requireNonNull(eligible, "eligible");
        boolean[] restored = new boolean[1];
        CookieStatus leased = locked(() -> {
            Instant now = clock.instant();
            restored[0] = table.resetExpired(now);
            CookieStatus chosen = null;
            if (stickyHash != null) {
                chosen = sticky.lookup(stickyHash, now)
                        .map(table::live)
                        .filter(s -> CookieTable.isValid(s) && eligible.test(s))
                        .orElse(null);
            }
            if (chosen == null) {
                chosen = table.rotate(eligible);
            }
            if (chosen != null && stickyHash != null) {
                sticky.bind(stickyHash, chosen.cookie(), now);
            }
            return chosen;
        });
        changed(restored[0], "Restored cookies whose reset time passed");
        return Optional.ofNullable(leased);
    }

    /**
     * Applies what an upstream call taught about {@code cookie}: rate limits and restrictions park it
     * until the given time with its session and weekly usage zeroed; Free, Disabled, Banned and Null
     * retire it; NormalPro, success, transient failures and cancellations change nothing (a sticky
     * binding stays). Unknown and retired cookies are ignored.
     */
    public void report(ClewdrCookie cookie, Outcome outcome) {
        Objects.requireNonNull(cookie, "cookie");
        Objects.requireNonNull(outcome, "outcome");
        boolean changed = locked(() -> switch (outcome) {
            case Outcome.RateLimited r -> table.park(cookie, r.until());
            case Outcome.Restricted r -> table.park(cookie, r.until());
            case Outcome.Invalid(Reason.TooManyRequest r) ->
                table.park(cookie, Instant.ofEpochSecond(r.epochSeconds()));
            case Outcome.Invalid(Reason.Restricted r) -> table.park(cookie, Instant.ofEpochSecond(r.epochSeconds()));
            case Outcome.Invalid(Reason reason) when reason.retires() -> retire(cookie, reason);
            case Outcome.Invalid i -> false;
            case Outcome.Success s -> false;
            case Outcome.Transient t -> false;
            case Outcome.Cancelled c -> false;
        });
        if (changed) {
            changed(true, "Cookie " + cookie.masked() + ": " + describe(outcome));
        }
    }

    private boolean retire(ClewdrCookie cookie, Reason reason) {
        sticky.forget(cookie);
        return table.retire(cookie, reason);
    }

    private static String describe(Outcome outcome) {
        return switch (outcome) {
            case Outcome.RateLimited r -> "rate limited until " + r.until();
            case Outcome.Restricted r -> "restricted until " + r.until();
            case Outcome.Invalid i -> i.reason().displayText();
            default -> outcome.getClass().getSimpleName();
        };
    }

    /**
     * The current record of {@code cookie}.
     *
     * @return empty when the cookie is unknown or retired
     */
    public Optional<CookieStatus> find(ClewdrCookie cookie) {
        Objects.requireNonNull(cookie, "cookie");
        return Optional.ofNullable(locked(() -> table.live(cookie)));
    }

    /**
     * Replaces the record of {@code cookie} with {@code change} applied to its current record, wherever
     * it is (valid, exhausted or disabled), e.g. to store a refreshed token or set
     * {@code count_tokens_allowed}. The pool keeps its own state fields (reset time, disabled flag): use
     * {@link #report} and {@link #setDisabled} for those. {@code change} runs under the lock, so it must
     * be fast and must not call the pool.
     *
     * @return false when the cookie is unknown or retired
     * @throws IllegalArgumentException when {@code change} returns a record of another cookie
     */
    public boolean update(ClewdrCookie cookie, UnaryOperator<CookieStatus> change) {
        int result = apply(cookie, change);
        changed(result > 0, null);
        return result >= 0;
    }

    /** {@link #update}'s change under the lock: -1 for an unknown cookie, 0 unchanged, 1 changed. */
    private int apply(ClewdrCookie cookie, UnaryOperator<CookieStatus> change) {
        Objects.requireNonNull(change, "change");
        int result = locked(() -> {
            CookieStatus old = table.live(cookie);
            if (old == null) {
                return -1;
            }
            CookieStatus updated = change.apply(old);
            if (!updated.cookie().equals(cookie)) {
                throw new IllegalArgumentException("update must not change the cookie itself");
            }
            if (!updated.resetTime().equals(old.resetTime()) || updated.disabled() != old.disabled()) {
                updated = updated.toBuilder()
                        .resetTime(old.resetTime().orElse(null))
                        .disabled(old.disabled())
                        .build();
            }
            table.replace(updated);
            return updated.equals(old) ? 0 : 1;
        });
        return result;
    }

    /**
     * Adds one exchange to the session, weekly and lifetime buckets of {@code cookie}, and to the
     * weekly Sonnet or Opus bucket by model name.
     *
     * @return false when the cookie is unknown or retired
     */
    public boolean recordUsage(ClewdrCookie cookie, String model, long inputTokens, long outputTokens) {
        ModelFamily family = ModelFamily.of(model);
        int result = apply(cookie, s -> s.withUsage(family, inputTokens, outputTokens));
        if (result > 0) {
            // Counters change with every exchange: written within the lazy delay, not per request.
            persister.requestSaveSoon();
        }
        return result >= 0;
    }

    /**
     * Adds a new cookie to the back of the rotation and saves it before returning.
     *
     * @return {@link SubmitResult#DUPLICATE}, changing nothing, when the cookie is known in any state
     * @throws CredentialStoreException when the save failed (the cookie stays in the pool)
     */
    public SubmitResult submit(ClewdrCookie cookie) {
        boolean known = locked(() -> table.isKnown(cookie) || !table.add(CookieStatus.of(cookie)));
        if (known) {
            LOG.info("Cookie already exists: {}", cookie);
            return SubmitResult.DUPLICATE;
        }
        LOG.info("Cookie added: {}. {}", cookie, counts());
        persister.saveNow();
        return SubmitResult.ADDED;
    }

    /**
     * Removes {@code cookie} from whatever state it is in and saves before returning.
     *
     * @return false when the cookie was not found
     * @throws CredentialStoreException when the save failed
     */
    public boolean delete(ClewdrCookie cookie) {
        boolean found = locked(() -> {
            sticky.forget(cookie);
            return table.remove(cookie);
        });
        if (found) {
            LOG.info("Cookie deleted: {}. {}", cookie, counts());
            persister.saveNow();
        }
        return found;
    }

    /**
     * Sets the user's disabled flag. A disabled cookie keeps its record but is never leased; enabled
     * again, it is valid (or exhausted, while its reset time is ahead). Saves before returning when
     * the flag changed.
     *
     * @return false when the cookie is unknown or retired
     * @throws CredentialStoreException when the save failed
     */
    public boolean setDisabled(ClewdrCookie cookie, boolean disabled) {
        int result = locked(() -> {
            CookieStatus status = table.live(cookie);
            if (status == null) {
                return -1;
            }
            if (status.disabled() == disabled) {
                return 0;
            }
            table.replace(status.toBuilder().disabled(disabled).build());
            table.resetExpired(clock.instant());
            return 1;
        });
        if (result > 0) {
            LOG.info("Cookie {} {}. {}", cookie, disabled ? "disabled" : "enabled", counts());
            persister.saveNow();
        }
        return result >= 0;
    }

    /** The periodic work: roll usage windows whose boundary passed, then restore expired cooldowns. */
    public void tick() {
        boolean changed = locked(() -> {
            Instant now = clock.instant();
            boolean rolled = table.rollOver(now);
            return table.resetExpired(now) | rolled;
        });
        changed(changed, "Usage windows or cooldowns rolled over");
    }

    /** The earliest reset time among exhausted cookies (for a {@code Retry-After}). */
    public Optional<Instant> soonestReset() {
        return locked(table::soonestReset);
    }

    /** How many cookies are in each state. */
    public PoolCounts counts() {
        return locked(table::counts);
    }

    /** The cookies grouped by state, in stable order; rolls usage windows over first, as the listing needs. */
    public PoolStatus status() {
        boolean[] rolled = new boolean[1];
        PoolStatus status = locked(() -> {
            rolled[0] = table.rollOver(clock.instant());
            return table.status();
        });
        changed(rolled[0], null);
        return status;
    }

    /** Everything to persist: valid, exhausted and disabled cookies, then the retired ones, in stable order. */
    public PoolSnapshot snapshot() {
        return locked(table::snapshot);
    }

    /**
     * Brings the pool in line with a reloaded file (a hand edit added or removed cookies): cookies only
     * in the file are added in the state the file gives them, cookies missing from it are dropped, and
     * every other cookie keeps what the pool has learned.
     */
    public Reconciled reconcile(PoolSnapshot reloaded) {
        Reconciled result = locked(() -> {
            Reconciled r = table.reconcile(reloaded, sticky::forget);
            table.resetExpired(clock.instant());
            return r;
        });
        changed(result.added() + result.removed() > 0, "Reconciled with the reloaded file: " + result);
        return result;
    }

    /**
     * Blocks until a save that includes every change so far has completed.
     *
     * @throws CredentialStoreException when that save failed
     */
    public void saveNow() {
        persister.saveNow();
    }

    /** Stops the ticker started by {@link #start} and writes any pending change. */
    @Override
    public void close() {
        locked(() -> {
            if (ticker != null) {
                ticker.cancel(false);
            }
            return null;
        });
        persister.flush();
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Outside the lock: log a state change and ask for a background save. */
    private void changed(boolean changed, String what) {
        if (changed) {
            if (what != null) {
                LOG.info("{}. {}", what, counts());
            }
            persister.requestSave();
        }
    }
}
