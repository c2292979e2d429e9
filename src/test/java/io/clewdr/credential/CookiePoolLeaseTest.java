package io.clewdr.credential;

import static io.clewdr.credential.Fixtures.T0;
import static io.clewdr.credential.Fixtures.cookie;
import static org.assertj.core.api.Assertions.assertThat;

import io.clewdr.credential.Fixtures.MutableClock;
import io.clewdr.credential.Fixtures.RecordingStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CookiePoolLeaseTest {

    private final MutableClock clock = new MutableClock(T0);
    private final RecordingStore store = new RecordingStore();
    private final CookiePool pool = CookiePool.create(
            clock,
            store,
            new PoolSnapshot(
                    List.of(CookieStatus.of(cookie(1)), CookieStatus.of(cookie(2)), CookieStatus.of(cookie(3))),
                    List.of()));

    @AfterEach
    void close() {
        pool.close();
    }

    private ClewdrCookie lease(Long hash) {
        return pool.lease(hash, s -> true).orElseThrow().cookie();
    }

    private List<ClewdrCookie> lease(int times) {
        return Stream.generate(() -> lease(null)).limit(times).toList();
    }

    private static Predicate<CookieStatus> not(int n) {
        return s -> !s.cookie().equals(cookie(n));
    }

    @Test
    void cookies_are_leased_round_robin_front_to_back() {
        assertThat(lease(6)).containsExactly(cookie(1), cookie(2), cookie(3), cookie(1), cookie(2), cookie(3));
    }

    @Test
    void a_submitted_cookie_joins_the_back_of_the_rotation() {
        lease(1);
        pool.submit(cookie(4));
        assertThat(lease(4)).containsExactly(cookie(2), cookie(3), cookie(1), cookie(4));
    }

    @Test
    void an_empty_pool_leases_nothing() {
        try (CookiePool empty = CookiePool.create(clock, store, PoolSnapshot.EMPTY)) {
            assertThat(empty.lease()).isEmpty();
        }
    }

    @Test
    void ineligible_cookies_are_skipped_and_keep_their_place() {
        assertThat(pool.lease(null, not(1)).orElseThrow().cookie()).isEqualTo(cookie(2));
        assertThat(lease(3)).containsExactly(cookie(1), cookie(3), cookie(2));
    }

    @Test
    void no_eligible_cookie_leases_nothing() {
        assertThat(pool.lease(null, s -> false)).isEmpty();
    }

    @Test
    void a_code_unusable_cookie_can_be_filtered_out_by_the_caller() {
        pool.update(cookie(1), s -> s.toBuilder().codeUnusable(true).build());
        Predicate<CookieStatus> code = s -> !s.codeUnusable();
        assertThat(Stream.generate(() -> pool.lease(null, code).orElseThrow().cookie())
                        .limit(4))
                .doesNotContain(cookie(1));
        assertThat(lease(3)).contains(cookie(1));
    }

    @Test
    void the_same_hash_sticks_to_its_cookie_without_moving_the_rotation() {
        assertThat(lease(42L)).isEqualTo(cookie(1));
        assertThat(lease(42L)).isEqualTo(cookie(1));
        assertThat(lease(42L)).isEqualTo(cookie(1));
        assertThat(lease(null)).isEqualTo(cookie(2));
    }

    @Test
    void a_new_hash_takes_the_next_cookie_in_the_rotation() {
        assertThat(lease(1L)).isEqualTo(cookie(1));
        assertThat(lease(2L)).isEqualTo(cookie(2));
        assertThat(lease(1L)).isEqualTo(cookie(1));
        assertThat(lease(2L)).isEqualTo(cookie(2));
    }

    @Test
    void a_binding_idle_for_an_hour_is_forgotten_but_each_use_refreshes_it() {
        assertThat(lease(7L)).isEqualTo(cookie(1));
        clock.advance(Duration.ofMinutes(59));
        assertThat(lease(7L)).isEqualTo(cookie(1));
        clock.advance(Duration.ofMinutes(59));
        assertThat(lease(7L)).as("refreshed 59 minutes ago").isEqualTo(cookie(1));
        clock.advance(Duration.ofHours(1));
        assertThat(lease(7L)).as("idle for an hour: round-robin").isEqualTo(cookie(2));
        assertThat(lease(7L)).as("and now bound to the new cookie").isEqualTo(cookie(2));
    }

    @Test
    void a_parked_sticky_cookie_is_replaced_and_the_hash_rebound() {
        assertThat(lease(5L)).isEqualTo(cookie(1));
        pool.report(cookie(1), new Outcome.RateLimited(T0.plusSeconds(600)));
        assertThat(lease(5L)).isEqualTo(cookie(2));
        clock.advance(Duration.ofMinutes(11));
        assertThat(lease(5L)).as("the rebinding holds after cookie 1 returns").isEqualTo(cookie(2));
    }

    @Test
    void an_ineligible_sticky_cookie_falls_back_to_round_robin() {
        assertThat(lease(5L)).isEqualTo(cookie(1));
        assertThat(pool.lease(5L, not(1)).orElseThrow().cookie()).isEqualTo(cookie(2));
    }

    @Test
    void a_transient_failure_does_not_move_a_sticky_binding() {
        assertThat(lease(9L)).isEqualTo(cookie(1));
        pool.report(cookie(1), new Outcome.Transient("upstream 529"));
        pool.report(cookie(1), new Outcome.Cancelled());
        assertThat(lease(9L)).isEqualTo(cookie(1));
    }

    @Test
    void a_full_sticky_map_evicts_the_least_recently_used_hash() {
        try (CookiePool small = CookiePool.create(clock, store, pool.snapshot(), 2)) {
            assertThat(small.lease(1L, s -> true).orElseThrow().cookie()).isEqualTo(cookie(1));
            assertThat(small.lease(2L, s -> true).orElseThrow().cookie()).isEqualTo(cookie(2));
            small.lease(1L, s -> true); // hash 2 is now the least recently used
            assertThat(small.lease(3L, s -> true).orElseThrow().cookie()).isEqualTo(cookie(3));
            assertThat(small.lease(1L, s -> true).orElseThrow().cookie())
                    .as("kept")
                    .isEqualTo(cookie(1));
            assertThat(small.lease(2L, s -> true).orElseThrow().cookie())
                    .as("evicted: round-robin")
                    .isEqualTo(cookie(1));
        }
    }
}
