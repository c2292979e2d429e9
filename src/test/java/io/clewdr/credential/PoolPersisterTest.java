package io.clewdr.credential;

import static io.clewdr.credential.Fixtures.cookie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoolPersisterTest {

    /** The "pool state": the number of cookies in the snapshot stands for a version counter. */
    private final AtomicInteger version = new AtomicInteger();

    private final List<Integer> saved = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstSaveStarted = new CountDownLatch(1);
    private final CountDownLatch releaseSaves = new CountDownLatch(1);
    private volatile boolean blockFirst;
    private volatile RuntimeException failWith;

    private final AtomicInteger attempts = new AtomicInteger();

    private final CredentialStore store = snapshot -> {
        attempts.incrementAndGet();
        if (blockFirst && firstSaveStarted.getCount() > 0) {
            firstSaveStarted.countDown();
            waitFor(releaseSaves);
        }
        RuntimeException failure = failWith;
        if (failure != null) {
            throw failure;
        }
        saved.add(snapshot.cookies().size());
    };

    private PoolPersister persister = PoolPersister.create(store, this::snapshot, Duration.ofMillis(20));

    private PoolSnapshot snapshot() {
        List<CookieStatus> cookies = java.util.stream.IntStream.range(0, version.get())
                .mapToObj(n -> CookieStatus.of(cookie(n)))
                .toList();
        return new PoolSnapshot(cookies, List.of());
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void close() {
        releaseSaves.countDown();
        persister.close();
    }

    @Test
    void a_burst_of_requests_coalesces_into_few_saves_and_the_last_state_is_saved() throws Exception {
        blockFirst = true;
        version.set(1);
        persister.requestSave();
        assertThat(firstSaveStarted.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 100; i++) {
            version.incrementAndGet();
            persister.requestSave();
        }
        releaseSaves.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> !saved.isEmpty() && saved.getLast() == 101);
        assertThat(saved.size()).as("one in flight, one pending").isLessThanOrEqualTo(2);
    }

    @Test
    void save_now_returns_only_after_the_store_saw_the_current_state() {
        for (int i = 1; i <= 20; i++) {
            version.set(i);
            persister.saveNow();
            assertThat(saved.getLast()).isEqualTo(i);
        }
    }

    @Test
    void save_now_rethrows_the_store_failure() {
        failWith = new CredentialStoreException("disk full");
        version.set(1);
        assertThatThrownBy(persister::saveNow)
                .isInstanceOf(CredentialStoreException.class)
                .hasRootCauseMessage("disk full");
    }

    @Test
    void a_failed_background_save_is_retried() {
        failWith = new IllegalStateException("disk full");
        version.set(3);
        persister.requestSave();
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 3);
        assertThat(saved).isEmpty();
        failWith = null;
        await().atMost(Duration.ofSeconds(5)).until(() -> saved.contains(3));
    }

    @Test
    void flush_writes_the_pending_change_and_later_requests_are_refused() {
        blockFirst = true;
        version.set(1);
        persister.requestSave();
        waitFor(firstSaveStarted);
        version.set(2);
        persister.requestSave();
        releaseSaves.countDown();
        persister.flush();

        assertThat(saved.getLast()).isEqualTo(2);
        assertThatThrownBy(persister::saveNow).isInstanceOf(CredentialStoreException.class);
        persister.requestSave(); // ignored, no failure
    }

    @Test
    void lazy_requests_make_one_save_after_the_delay_and_an_urgent_one_is_not_held_back() throws Exception {
        persister.close();
        persister = PoolPersister.create(store, this::snapshot, Duration.ofMillis(20), Duration.ofMillis(300));
        long start = System.nanoTime();
        for (int i = 1; i <= 200; i++) {
            version.set(i);
            persister.requestSaveSoon();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> saved.contains(200));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(saved).containsExactly(200);

        version.set(201);
        persister.requestSaveSoon();
        version.set(202);
        persister.saveNow(); // the urgent save also covers the lazy one before it
        assertThat(saved).containsExactly(200, 202);
        Thread.sleep(500); // nothing may be written after a window that a save already covered
        assertThat(saved).containsExactly(200, 202);
    }

    @Test
    void flush_writes_a_pending_lazy_change_at_once() {
        persister.close();
        persister = PoolPersister.create(store, this::snapshot, Duration.ofMillis(20), Duration.ofHours(1));
        version.set(7);
        persister.requestSaveSoon();
        long start = System.nanoTime();
        persister.flush();
        assertThat(saved).containsExactly(7);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
