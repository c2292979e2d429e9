package io.clewdr.server;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts requests between arrival and the end of their response, so shutdown can wait for them,
 * and every arrival since start, so a quiet spell can be told from a busy one.
 */
final class InFlight {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int count;
    private long arrivals;

    void enter() {
        lock.lock();
        try {
            count++;
            arrivals++;
        } finally {
            lock.unlock();
        }
    }

    void leave() {
        lock.lock();
        try {
            count--;
            if (count <= 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    int count() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    long arrivals() {
        lock.lock();
        try {
            return arrivals;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no request is in flight or the time is up; returns whether it became idle. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (count > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
