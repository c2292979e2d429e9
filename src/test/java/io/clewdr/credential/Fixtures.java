package io.clewdr.credential;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Test fixtures: well-formed cookies, a clock tests can move, and a store that records saves. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-07-26T12:00:00Z");

    private Fixtures() {}

    /** A cookie body of {@code middle} characters, distinct per {@code n}. */
    static String body(int n, int middle) {
        String tag = String.format("%06d", n);
        return tag + "x".repeat(middle - tag.length()) + "-abcdefAA";
    }

    /** A full {@code sk-ant-sid01-…AA} value, distinct per {@code n}. */
    static String raw(int n) {
        return "sk-ant-sid01-" + body(n, 86);
    }

    static ClewdrCookie cookie(int n) {
        return ClewdrCookie.from(raw(n));
    }

    /** A clock that only moves when told to. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        void set(Instant to) {
            now.set(to);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Records every snapshot it is asked to save; can be told to fail. */
    static final class RecordingStore implements CredentialStore {
        final List<PoolSnapshot> saves = new CopyOnWriteArrayList<>();
        volatile RuntimeException failWith;

        @Override
        public void save(PoolSnapshot snapshot) {
            RuntimeException failure = failWith;
            if (failure != null) {
                throw failure;
            }
            saves.add(snapshot);
        }

        PoolSnapshot last() {
            return saves.getLast();
        }
    }
}
