package io.clewdr.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers which cookie served a prompt hash, so requests with the same cached system prompt keep
 * hitting the same account (Anthropic's prompt cache is per account). Bounded because the keys come
 * from callers: at capacity, a new key first purges idle bindings, then evicts the least recently
 * used one; refreshing an existing key never evicts.
 *
 * <p>Not thread-safe: the pool calls it under its lock. The map is kept in insertion order and a used
 * binding is moved to the end, so the first entry is always the least recently used.
 */
final class StickyBindings {

    /** A binding unused for this long is forgotten. */
    static final Duration IDLE = Duration.ofHours(1);

    /** The default number of remembered hashes. */
    static final int CAPACITY = 1000;

    private record Binding(ClewdrCookie cookie, Instant lastUsed) {}

    private final int capacity;
    private final LinkedHashMap<Long, Binding> bindings = new LinkedHashMap<>();

    StickyBindings(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        this.capacity = capacity;
    }

    /** The cookie bound to {@code hash}, unless the binding has been idle for {@link #IDLE} or more. */
    Optional<ClewdrCookie> lookup(long hash, Instant now) {
        Binding b = bindings.get(hash);
        if (b == null || isIdle(b, now)) {
            return Optional.empty();
        }
        return Optional.of(b.cookie());
    }

    /** Binds {@code hash} to {@code cookie} as used at {@code now}, evicting only for a new key. */
    void bind(long hash, ClewdrCookie cookie, Instant now) {
        if (bindings.remove(hash) == null && bindings.size() >= capacity) {
            bindings.values().removeIf(b -> isIdle(b, now));
            if (bindings.size() >= capacity) {
                Iterator<Map.Entry<Long, Binding>> oldest = bindings.entrySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        bindings.put(hash, new Binding(cookie, now));
    }

    /** Drops every binding to {@code cookie} (it was deleted or retired). */
    void forget(ClewdrCookie cookie) {
        bindings.values().removeIf(b -> b.cookie().equals(cookie));
    }

    /** The number of remembered hashes. */
    int size() {
        return bindings.size();
    }

    /** Whether {@code hash} is still remembered (idle or not). */
    boolean contains(long hash) {
        return bindings.containsKey(hash);
    }

    private static boolean isIdle(Binding b, Instant now) {
        return Duration.between(b.lastUsed(), now).compareTo(IDLE) >= 0;
    }
}
