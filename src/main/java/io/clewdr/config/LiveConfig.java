package io.clewdr.config;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings in effect, swapped atomically; a request reads {@link #get()} once and uses that
 * snapshot throughout. Listeners hear about every change (the upstream client re-reads {@code proxy}).
 */
public final class LiveConfig {
    private static final Logger LOG = LoggerFactory.getLogger(LiveConfig.class);

    /** Told after the settings changed; must be quick and must not throw. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Called once per change, on the thread that made it.
         *
         * @param before the settings replaced
         * @param after the settings now in effect
         */
        void changed(Settings before, Settings after);
    }

    /** A registered listener; closing it removes the listener. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        /** Removes the listener. */
        @Override
        void close();
    }

    private final AtomicReference<Settings> settings;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    private LiveConfig(Settings initial) {
        this.settings = new AtomicReference<>(Objects.requireNonNull(initial));
    }

    /**
     * A live snapshot starting at some settings.
     *
     * @param initial the first settings
     * @return the live snapshot
     */
    public static LiveConfig of(Settings initial) {
        return new LiveConfig(initial);
    }

    /**
     * The settings in effect now.
     *
     * @return the snapshot
     */
    public Settings get() {
        return settings.get();
    }

    /**
     * Replaces the settings; listeners are told when they differ.
     *
     * @param next the new settings
     */
    public void set(Settings next) {
        update(ignored -> next);
    }

    /**
     * Changes the settings atomically (the function may run more than once under contention).
     *
     * @param change from the current settings to the next
     * @return the settings now in effect
     */
    public Settings update(UnaryOperator<Settings> change) {
        Settings before;
        Settings after;
        do {
            before = settings.get();
            after = Objects.requireNonNull(change.apply(before));
        } while (!settings.compareAndSet(before, after));
        if (!before.equals(after)) {
            for (Listener listener : listeners) {
                try {
                    listener.changed(before, after);
                } catch (RuntimeException e) {
                    LOG.error("Settings listener failed", e);
                }
            }
        }
        return after;
    }

    /**
     * Registers a listener.
     *
     * @param listener told of every later change
     * @return closing it removes the listener
     */
    public Subscription addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener));
        return () -> listeners.remove(listener);
    }
}
