package io.clewdr.credential;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's collections and the state transitions on them. Not thread-safe: {@link CookiePool}
 * calls it only under its lock.
 *
 * <p>A cookie's state follows from its record: <em>disabled</em> when {@link CookieStatus#disabled()},
 * else <em>exhausted</em> while it has a {@link CookieStatus#resetTime()}, else <em>valid</em>, and
 * then, and only then, it is in the rotation deque. Retired cookies live in their own map. Both maps
 * keep insertion order, which gives snapshots a stable order. Methods that change something return
 * true so the pool knows to save.
 */
final class CookieTable {

    private static final Logger LOG = LoggerFactory.getLogger(CookieTable.class);

    private final LinkedHashMap<ClewdrCookie, CookieStatus> live = new LinkedHashMap<>();
    private final LinkedHashMap<ClewdrCookie, RetiredCookie> retired = new LinkedHashMap<>();
    private final ArrayDeque<ClewdrCookie> rotation = new ArrayDeque<>();

    static boolean isValid(CookieStatus s) {
        return s != null && !s.disabled() && s.resetTime().isEmpty();
    }

    boolean isKnown(ClewdrCookie cookie) {
        return live.containsKey(cookie) || retired.containsKey(cookie);
    }

    /** The record of a valid, exhausted or disabled cookie; null for unknown and retired ones. */
    CookieStatus live(ClewdrCookie cookie) {
        return live.get(cookie);
    }

    /** Adds a cookie in the state its record says; false (and a warning) for a duplicate. */
    boolean add(CookieStatus status) {
        if (isKnown(status.cookie())) {
            LOG.warn("Cookie {} is listed twice; keeping the first entry", status.cookie());
            return false;
        }
        live.put(status.cookie(), status);
        if (isValid(status)) {
            rotation.addLast(status.cookie());
        }
        return true;
    }

    /** Adds a retired cookie; false (and a warning) for a duplicate. */
    boolean add(RetiredCookie cookie) {
        if (isKnown(cookie.cookie())) {
            LOG.warn("Cookie {} is listed twice; keeping the first entry", cookie.cookie());
            return false;
        }
        retired.put(cookie.cookie(), cookie);
        return true;
    }

    /** Replaces the record of a live cookie, moving it in or out of the rotation as its state says. */
    void replace(CookieStatus status) {
        ClewdrCookie cookie = status.cookie();
        boolean wasValid = isValid(live.put(cookie, status));
        boolean valid = isValid(status);
        if (wasValid && !valid) {
            rotation.remove(cookie);
        } else if (!wasValid && valid) {
            rotation.addLast(cookie);
        }
    }

    /** Removes a cookie from any state; false when it was not known. */
    boolean remove(ClewdrCookie cookie) {
        boolean found = live.remove(cookie) != null | retired.remove(cookie) != null;
        rotation.remove(cookie);
        return found;
    }

    /** The first eligible cookie from the front of the rotation, moved to the back; null if none. */
    CookieStatus rotate(Predicate<CookieStatus> eligible) {
        for (Iterator<ClewdrCookie> it = rotation.iterator(); it.hasNext(); ) {
            ClewdrCookie cookie = it.next();
            CookieStatus status = live.get(cookie);
            if (eligible.test(status)) {
                it.remove();
                rotation.addLast(cookie);
                return status;
            }
        }
        return null;
    }

    /** Parks a cookie until {@code until} with its windows zeroed; false if unknown, retired or parked. */
    boolean park(ClewdrCookie cookie, Instant until) {
        CookieStatus status = live.get(cookie);
        if (status == null || status.resetTime().isPresent()) {
            return false; // keep the first reset time, as a second report adds nothing
        }
        replace(status.withWindowsZeroed().toBuilder().resetTime(until).build());
        return true;
    }

    /** Retires a live cookie for {@code reason}; false if unknown or already retired. */
    boolean retire(ClewdrCookie cookie, Reason reason) {
        if (live.remove(cookie) == null) {
            return false;
        }
        rotation.remove(cookie);
        retired.put(cookie, RetiredCookie.of(cookie, reason));
        return true;
    }

    /** The reset step: clear reset times before {@code now}, zero the windows, append to the rotation. */
    boolean resetExpired(Instant now) {
        List<CookieStatus> due = live.values().stream()
                .filter(s -> s.resetTime().isPresent() && s.resetTime().get().isBefore(now))
                .toList();
        due.forEach(
                s -> replace(s.withWindowsZeroed().toBuilder().resetTime(null).build()));
        return !due.isEmpty();
    }

    /** Rolls over every live cookie's usage windows whose boundary has passed. */
    boolean rollOver(Instant now) {
        boolean changed = false;
        for (Map.Entry<ClewdrCookie, CookieStatus> e : live.entrySet()) {
            CookieStatus rolled = e.getValue().rolledOver(now);
            if (rolled != e.getValue()) {
                e.setValue(rolled); // rollover never changes the state, so the rotation stays right
                changed = true;
            }
        }
        return changed;
    }

    /** The earliest reset time among exhausted (not disabled) cookies. */
    Optional<Instant> soonestReset() {
        return live.values().stream()
                .filter(s -> !s.disabled())
                .flatMap(s -> s.resetTime().stream())
                .min(Comparator.naturalOrder());
    }

    PoolCounts counts() {
        int exhausted = 0;
        int disabled = 0;
        for (CookieStatus s : live.values()) {
            if (s.disabled()) {
                disabled++;
            } else if (s.resetTime().isPresent()) {
                exhausted++;
            }
        }
        return new PoolCounts(rotation.size(), exhausted, disabled, retired.size());
    }

    PoolStatus status() {
        List<CookieStatus> valid = new ArrayList<>();
        List<CookieStatus> exhausted = new ArrayList<>();
        List<CookieStatus> disabled = new ArrayList<>();
        for (CookieStatus s : live.values()) {
            (s.disabled() ? disabled : s.resetTime().isPresent() ? exhausted : valid).add(s);
        }
        return new PoolStatus(valid, exhausted, disabled, new ArrayList<>(retired.values()));
    }

    PoolSnapshot snapshot() {
        return new PoolSnapshot(new ArrayList<>(live.values()), new ArrayList<>(retired.values()));
    }

    /**
     * Drops cookies that {@code reloaded} no longer lists (telling {@code onRemoved}) and adds the ones
     * only it lists; known cookies keep their records.
     */
    Reconciled reconcile(PoolSnapshot reloaded, Consumer<ClewdrCookie> onRemoved) {
        Set<ClewdrCookie> wanted = new HashSet<>();
        reloaded.cookies().forEach(s -> wanted.add(s.cookie()));
        reloaded.retired().forEach(r -> wanted.add(r.cookie()));
        int removed = 0;
        for (ClewdrCookie known : cookies()) {
            if (!wanted.contains(known) && remove(known)) {
                onRemoved.accept(known);
                removed++;
            }
        }
        int added = 0;
        for (CookieStatus s : reloaded.cookies()) {
            added += !isKnown(s.cookie()) && add(s) ? 1 : 0;
        }
        for (RetiredCookie r : reloaded.retired()) {
            added += !isKnown(r.cookie()) && add(r) ? 1 : 0;
        }
        return new Reconciled(added, removed);
    }

    /** Every known cookie, live ones first. */
    List<ClewdrCookie> cookies() {
        List<ClewdrCookie> all = new ArrayList<>(live.keySet());
        all.addAll(retired.keySet());
        return all;
    }
}
