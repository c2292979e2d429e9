package io.clewdr.credential;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the cookie pool: one thread that takes a fresh snapshot and hands it to the
 * {@link CredentialStore} whenever a save was requested.
 *
 * <p>Design: every request bumps a generation counter. The writer reads the counter, then takes the
 * snapshot, so a save "covers" every generation requested before it started. Bursts coalesce: at most
 * one save runs while any number of requests collapse into one pending save. {@link #saveNow()} waits
 * for a save covering its own generation and rethrows that save's failure. A failed background save
 * is retried after {@code retryDelay} (state learned from upstreams would otherwise sit unsaved until
 * the next change).
 *
 * <p>Usage counters change on every exchange; {@link #requestSaveSoon()} lets them wait up to
 * {@code lazyDelay} so that a busy proxy writes the file a few times a second at most instead of once
 * per request. State that must not be lost (tokens, cookie states, user edits) is saved at once.
 */
public final class PoolPersister implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PoolPersister.class);
    private static final Duration DEFAULT_RETRY = Duration.ofSeconds(5);
    private static final Duration DEFAULT_LAZY = Duration.ofSeconds(2);

    private final CredentialStore store;
    private final Supplier<PoolSnapshot> source;
    private final long retryNanos;
    private final long lazyNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition done = lock.newCondition();
    private final Thread writer;

    // All guarded by lock.
    private long requested;
    private long urgent;
    private boolean lazyArmed;
    private long lazyDueAt;
    private long attempted;
    private long succeeded;
    private RuntimeException lastFailure;
    private boolean closing;
    private boolean retryDue;

    private PoolPersister(
            CredentialStore store, Supplier<PoolSnapshot> source, Duration retryDelay, Duration lazyDelay) {
        this.store = Objects.requireNonNull(store, "store");
        this.source = Objects.requireNonNull(source, "source");
        this.retryNanos = retryDelay.toNanos();
        this.lazyNanos = lazyDelay.toNanos();
        this.writer = Thread.ofPlatform().name("cookie-pool-writer").daemon().unstarted(this::run);
    }

    /** Starts a writer that saves snapshots from {@code source} into {@code store}. */
    public static PoolPersister create(CredentialStore store, Supplier<PoolSnapshot> source) {
        return create(store, source, DEFAULT_RETRY);
    }

    /** As {@link #create(CredentialStore, Supplier)} with a custom delay before retrying a failed save. */
    public static PoolPersister create(CredentialStore store, Supplier<PoolSnapshot> source, Duration retryDelay) {
        return create(store, source, retryDelay, DEFAULT_LAZY);
    }

    /**
     * As {@link #create(CredentialStore, Supplier, Duration)} with a custom longest wait of a
     * {@link #requestSaveSoon()}.
     */
    public static PoolPersister create(
            CredentialStore store, Supplier<PoolSnapshot> source, Duration retryDelay, Duration lazyDelay) {
        PoolPersister persister = new PoolPersister(store, source, retryDelay, lazyDelay);
        persister.writer.start();
        return persister;
    }

    /** Asks for a save of the current state and returns at once; bursts coalesce into few saves. */
    public void requestSave() {
        lock.lock();
        try {
            if (closing) {
                LOG.debug("Save requested after close; ignored");
                return;
            }
            urgent = ++requested;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks for a save within the lazy delay and returns at once: for state that is cheap to lose for
     * a moment but changes often (usage counters). Many such requests make one save.
     */
    public void requestSaveSoon() {
        lock.lock();
        try {
            if (closing) {
                LOG.debug("Save requested after close; ignored");
                return;
            }
            requested++;
            if (!lazyArmed) {
                // Only the first request of a window needs the writer to learn its deadline.
                lazyArmed = true;
                lazyDueAt = System.nanoTime() + lazyNanos;
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Saves the current state and returns once a save that includes it has completed.
     *
     * @throws CredentialStoreException if that save failed, or the persister is closed or interrupted
     */
    public void saveNow() {
        lock.lock();
        try {
            if (closing) {
                throw new CredentialStoreException("The cookie pool writer is closed");
            }
            long mine = ++requested;
            urgent = mine;
            work.signal();
            while (succeeded < mine) {
                if (attempted >= mine) {
                    // The save covering our change failed and no later one has succeeded yet.
                    throw new CredentialStoreException("Saving the cookie pool failed", lastFailure);
                }
                done.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialStoreException("Interrupted while saving the cookie pool", e);
        } finally {
            lock.unlock();
        }
    }

    /** Writes any pending change, then stops the writer; further requests are ignored. */
    public void flush() {
        lock.lock();
        try {
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while flushing the cookie pool");
        }
    }

    /** Same as {@link #flush()}. */
    @Override
    public void close() {
        flush();
    }

    private void run() {
        try {
            for (long target = nextTarget(); target >= 0; target = nextTarget()) {
                saveOnce(target);
            }
        } catch (InterruptedException e) {
            LOG.warn("Cookie pool writer interrupted; pending changes may be unsaved");
        }
    }

    /**
     * Waits for work: the generation to save next, or -1 once closed with nothing left to write. An
     * urgent request is served at once, lazy ones when their window ends, a failed save again after
     * the retry delay; closing writes whatever is pending straight away.
     */
    private long nextTarget() throws InterruptedException {
        lock.lock();
        try {
            // Both delays are back-offs for I/O, not domain time, so the monotonic clock is right here.
            long retryAt = System.nanoTime() + retryNanos;
            while (true) {
                boolean pending = attempted < requested;
                if (closing) {
                    if (pending || retryDue) {
                        break; // one last attempt to write what is pending or what a failed save left
                    }
                    return -1;
                }
                long now = System.nanoTime();
                if (pending && (urgent > attempted || now - lazyDueAt >= 0)) {
                    break;
                }
                long wait = pending ? lazyDueAt - now : Long.MAX_VALUE;
                if (retryDue) {
                    long left = retryAt - now;
                    if (left <= 0) {
                        break;
                    }
                    wait = Math.min(wait, left);
                }
                if (wait == Long.MAX_VALUE) {
                    work.await();
                } else {
                    work.awaitNanos(wait);
                }
            }
            retryDue = false;
            lazyArmed = false;
            return requested;
        } finally {
            lock.unlock();
        }
    }

    private void saveOnce(long target) {
        RuntimeException failure = null;
        try {
            store.save(source.get());
        } catch (RuntimeException e) {
            failure = e;
            LOG.warn("Saving the cookie pool failed: {}", e.toString());
        }
        lock.lock();
        try {
            attempted = target;
            if (failure == null) {
                succeeded = target;
                lastFailure = null;
            } else {
                lastFailure = failure;
                // Unsaved state must not wait for the next change: try again after the delay.
                retryDue = !closing;
            }
            done.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
