package io.clewdr.upstream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections of one {@link PoolKey}: idle HTTP/1.1 keep-alive connections (a bounded stack,
 * newest first, each closed after the idle timeout) and at most one shared HTTP/2 connection. The
 * lock guards only the collections; no I/O happens under it (closing is asynchronous in Netty).
 */
final class ConnectionPool {

    private final PoolKey key;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Http1Connection> idle = new ArrayDeque<>();
    private final List<Http2Connection> shared = new ArrayList<>();
    private int maxIdle;
    private Duration idleTimeout;
    private boolean closed;

    ConnectionPool(PoolKey key, int maxIdle, Duration idleTimeout) {
        this.key = key;
        this.maxIdle = maxIdle;
        this.idleTimeout = idleTimeout;
    }

    PoolKey key() {
        return key;
    }

    /** Applies the current settings' limits (they may change between requests). */
    void limits(int newMaxIdle, Duration newIdleTimeout) {
        lock.lock();
        try {
            maxIdle = newMaxIdle;
            idleTimeout = newIdleTimeout;
        } finally {
            lock.unlock();
        }
    }

    /** An existing connection to use now: the HTTP/2 one if it has room, else an idle HTTP/1.1 one. */
    Connection acquire() {
        lock.lock();
        try {
            for (Http2Connection h2 : shared) {
                if (h2.isUsable()) {
                    return h2;
                }
            }
            Http1Connection h1;
            while ((h1 = idle.pollFirst()) != null) {
                if (h1.isUsable()) {
                    return h1;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Adds a new connection: HTTP/2 ones are shared at once; HTTP/1.1 ones join on release. */
    void added(Connection connection) {
        if (connection instanceof Http2Connection h2) {
            boolean reject;
            lock.lock();
            try {
                reject = closed;
                if (!reject) {
                    shared.add(h2);
                }
            } finally {
                lock.unlock();
            }
            if (reject) {
                h2.closeWhenIdle();
            }
        }
    }

    /** An HTTP/1.1 connection finished an exchange cleanly: keep it idle, or close it if full. */
    void release(Http1Connection connection) {
        boolean keep;
        Duration timeout;
        lock.lock();
        try {
            keep = !closed && idle.size() < maxIdle;
            timeout = idleTimeout;
            if (keep) {
                idle.addFirst(connection);
            }
        } finally {
            lock.unlock();
        }
        if (!keep) {
            connection.close();
            return;
        }
        connection.idleFrom(System.nanoTime());
        if (connection.lacksEvictionCheck()) {
            scheduleEviction(connection, timeout.toNanos());
        }
    }

    private void scheduleEviction(Http1Connection connection, long delayNanos) {
        connection.evictionCheck(
                connection.channel().eventLoop().schedule(() -> evict(connection), delayNanos, TimeUnit.NANOSECONDS));
    }

    // Closes the connection if it has sat idle for the whole timeout; one idle for less is checked
    // again when its timeout would end, one in use gets a new timer on its next release.
    private void evict(Http1Connection connection) {
        connection.evictionCheckFired();
        long timeout;
        boolean isIdle;
        boolean expired;
        lock.lock();
        try {
            timeout = idleTimeout.toNanos();
            isIdle = idle.contains(connection);
            expired = isIdle && System.nanoTime() - connection.idleSince() >= timeout;
            if (expired) {
                idle.remove(connection);
            }
        } finally {
            lock.unlock();
        }
        if (expired) {
            connection.close();
        } else if (isIdle && connection.channel().isActive() && connection.lacksEvictionCheck()) {
            long left = timeout - (System.nanoTime() - connection.idleSince());
            scheduleEviction(connection, Math.max(1, left));
        }
    }

    /** Forgets a connection that closed. */
    void remove(Connection connection) {
        lock.lock();
        try {
            if (connection instanceof Http2Connection h2) {
                shared.remove(h2);
            } else {
                idle.remove(connection);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the pool holds no connection (and can be dropped from the registry). */
    boolean isEmpty() {
        lock.lock();
        try {
            return idle.isEmpty() && shared.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes idle connections now and HTTP/2 ones once their streams end; connections busy with an
     * HTTP/1.1 exchange are closed when it ends (release refuses them).
     */
    void close() {
        List<Http1Connection> idleNow;
        List<Http2Connection> sharedNow;
        lock.lock();
        try {
            closed = true;
            idleNow = List.copyOf(idle);
            sharedNow = List.copyOf(shared);
            idle.clear();
            shared.clear();
        } finally {
            lock.unlock();
        }
        idleNow.forEach(Http1Connection::close);
        sharedNow.forEach(Http2Connection::closeWhenIdle);
    }
}
