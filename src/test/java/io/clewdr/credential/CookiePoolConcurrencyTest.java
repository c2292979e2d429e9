package io.clewdr.credential;

import static io.clewdr.credential.Fixtures.T0;
import static io.clewdr.credential.Fixtures.cookie;
import static org.assertj.core.api.Assertions.assertThat;

import io.clewdr.credential.Fixtures.MutableClock;
import io.clewdr.credential.Fixtures.RecordingStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CookiePoolConcurrencyTest {

    private static final int COOKIES = 20;
    private static final int BANNED = 5;

    @Test
    void many_threads_leasing_and_reporting_never_lose_or_duplicate_a_cookie() throws Exception {
        MutableClock clock = new MutableClock(T0);
        RecordingStore store = new RecordingStore();
        List<CookieStatus> initial = IntStream.range(0, COOKIES)
                .mapToObj(n -> CookieStatus.of(cookie(n)))
                .toList();
        try (CookiePool pool = CookiePool.create(clock, store, new PoolSnapshot(initial, List.of()));
                ExecutorService threads = Executors.newFixedThreadPool(8)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long hashBase = t;
                work.add(threads.submit(() -> {
                    start.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < 2000; i++) {
                        Long hash = random.nextBoolean() ? hashBase * 10 + random.nextInt(10) : null;
                        pool.lease(hash, s -> true).ifPresent(s -> {
                            int n = Integer.parseInt(s.cookie().value().substring(13, 19));
                            Outcome outcome = switch (random.nextInt(6)) {
                                case 0 ->
                                    new Outcome.RateLimited(clock.instant().plusSeconds(1 + random.nextInt(5)));
                                case 1 -> n < BANNED ? new Outcome.Invalid(new Reason.Banned()) : new Outcome.Success();
                                case 2 -> new Outcome.Transient("5xx");
                                default -> new Outcome.Success();
                            };
                            pool.recordUsage(s.cookie(), "claude-sonnet-4-6", 1, 1);
                            pool.report(s.cookie(), outcome);
                        });
                        if (i % 100 == 0) {
                            clock.advance(Duration.ofSeconds(2));
                            pool.tick();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get();
            }

            clock.advance(Duration.ofMinutes(1));
            pool.tick();

            PoolSnapshot snapshot = pool.snapshot();
            Set<ClewdrCookie> all = new HashSet<>();
            snapshot.cookies().forEach(s -> assertThat(all.add(s.cookie())).isTrue());
            snapshot.retired().forEach(r -> assertThat(all.add(r.cookie())).isTrue());
            assertThat(all).hasSize(COOKIES);
            assertThat(snapshot.retired()).allMatch(r -> r.reason().equals(new Reason.Banned()));

            PoolCounts counts = pool.counts();
            assertThat(counts.exhausted()).isZero();
            assertThat(counts.valid() + counts.invalid()).isEqualTo(COOKIES);
            List<ClewdrCookie> leased = IntStream.range(0, counts.valid())
                    .mapToObj(i -> pool.lease().orElseThrow().cookie())
                    .toList();
            assertThat(new HashSet<>(leased))
                    .as("each valid cookie once per round")
                    .hasSize(counts.valid());
        }
    }
}
