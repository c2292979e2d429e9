package io.clewdr.credential;

import static io.clewdr.credential.Fixtures.T0;
import static io.clewdr.credential.Fixtures.cookie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clewdr.credential.Fixtures.MutableClock;
import io.clewdr.credential.Fixtures.RecordingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CookiePoolStateTest {

    private final MutableClock clock = new MutableClock(T0);
    private final RecordingStore store = new RecordingStore();
    private CookiePool pool = CookiePool.create(clock, store, PoolSnapshot.EMPTY);

    @AfterEach
    void close() {
        pool.close();
    }

    private void submit(int... ns) {
        for (int n : ns) {
            assertThat(pool.submit(cookie(n))).isEqualTo(SubmitResult.ADDED);
        }
    }

    private List<ClewdrCookie> leaseAll() {
        return Stream.generate(pool::lease)
                .limit(pool.counts().valid())
                .map(s -> s.orElseThrow().cookie())
                .toList();
    }

    @Test
    void a_rate_limited_cookie_is_not_leased_until_its_reset_time() {
        submit(1);
        pool.recordUsage(cookie(1), "claude-sonnet-4-6", 10, 5);
        pool.report(cookie(1), new Outcome.RateLimited(T0.plus(Duration.ofHours(1))));

        assertThat(pool.lease()).isEmpty();
        assertThat(pool.counts()).isEqualTo(new PoolCounts(0, 1, 0, 0));
        CookieStatus parked = pool.snapshot().cookies().getFirst();
        assertThat(parked.resetTime()).contains(T0.plus(Duration.ofHours(1)));
        assertThat(parked.usage(UsageWindow.SESSION)).isEqualTo(UsageBreakdown.ZERO);
        assertThat(parked.usage(UsageWindow.WEEKLY_SONNET)).isEqualTo(UsageBreakdown.ZERO);
        assertThat(parked.lifetimeUsage().totalInputTokens()).isEqualTo(10);

        clock.advance(Duration.ofHours(1));
        assertThat(pool.lease()).as("still parked at exactly the reset time").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        CookieStatus back = pool.lease().orElseThrow();
        assertThat(back.cookie()).isEqualTo(cookie(1));
        assertThat(back.resetTime()).isEmpty();
        assertThat(pool.counts()).isEqualTo(new PoolCounts(1, 0, 0, 0));
    }

    @Test
    void a_restricted_cookie_is_parked_and_the_tick_restores_it_with_counters_zeroed() {
        submit(1, 2);
        pool.recordUsage(cookie(1), "claude-opus-4-1", 7, 7);
        pool.report(cookie(1), new Outcome.Restricted(T0.plusSeconds(60)));
        pool.recordUsage(cookie(1), "claude-opus-4-1", 3, 3); // usage that lands while parked is kept
        assertThat(pool.counts().exhausted()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));
        pool.tick();

        assertThat(pool.counts()).isEqualTo(new PoolCounts(2, 0, 0, 0));
        CookieStatus restored = pool.snapshot().cookies().getFirst();
        assertThat(restored.usage(UsageWindow.WEEKLY_OPUS)).isEqualTo(UsageBreakdown.ZERO);
        assertThat(restored.lifetimeUsage().opusInputTokens()).isEqualTo(10);
        assertThat(leaseAll()).as("a restored cookie joins the back").containsExactly(cookie(2), cookie(1));
    }

    @Test
    void a_second_rate_limit_keeps_the_first_reset_time() {
        submit(1);
        pool.report(cookie(1), new Outcome.RateLimited(T0.plusSeconds(60)));
        pool.report(cookie(1), new Outcome.RateLimited(T0.plusSeconds(600)));
        assertThat(pool.soonestReset()).contains(T0.plusSeconds(60));
    }

    @Test
    void a_timed_invalid_reason_parks_like_a_rate_limit() {
        submit(1);
        pool.report(cookie(1), new Outcome.Invalid(new Reason.TooManyRequest(T0.getEpochSecond() + 60)));
        assertThat(pool.soonestReset()).contains(T0.plusSeconds(60));
    }

    static Stream<Reason> retiringReasons() {
        return Stream.of(new Reason.Free(), new Reason.Disabled(), new Reason.Banned(), new Reason.Null());
    }

    @ParameterizedTest
    @MethodSource("retiringReasons")
    void a_retiring_reason_moves_the_cookie_to_invalid_for_good(Reason reason) {
        submit(1, 2);
        pool.report(cookie(1), new Outcome.Invalid(reason));

        assertThat(pool.counts()).isEqualTo(new PoolCounts(1, 0, 0, 1));
        assertThat(leaseAll()).containsExactly(cookie(2));
        clock.advance(Duration.ofDays(30));
        pool.tick();
        assertThat(pool.counts().invalid()).isEqualTo(1);
        pool.saveNow();
        assertThat(store.last().retired()).containsExactly(RetiredCookie.of(cookie(1), reason));
    }

    @Test
    void an_exhausted_cookie_can_still_be_retired() {
        submit(1);
        pool.report(cookie(1), new Outcome.RateLimited(T0.plusSeconds(60)));
        pool.report(cookie(1), new Outcome.Invalid(new Reason.Banned()));
        assertThat(pool.counts()).isEqualTo(new PoolCounts(0, 0, 0, 1));
    }

    @Test
    void normal_pro_success_transient_and_cancelled_change_nothing() {
        submit(1, 2);
        PoolSnapshot before = pool.snapshot();
        pool.report(cookie(1), new Outcome.Invalid(new Reason.NormalPro()));
        pool.report(cookie(1), new Outcome.Success());
        pool.report(cookie(1), new Outcome.Transient("connection reset"));
        pool.report(cookie(1), new Outcome.Cancelled());
        assertThat(pool.snapshot()).isEqualTo(before);
        assertThat(pool.counts()).isEqualTo(new PoolCounts(2, 0, 0, 0));
    }

    @Test
    void reports_about_unknown_cookies_are_ignored() {
        submit(1);
        pool.report(cookie(9), new Outcome.Invalid(new Reason.Banned()));
        pool.report(cookie(9), new Outcome.RateLimited(T0.plusSeconds(5)));
        assertThat(pool.counts()).isEqualTo(new PoolCounts(1, 0, 0, 0));
    }

    @Test
    void a_disabled_cookie_is_never_leased_and_is_persisted_until_re_enabled() {
        submit(1, 2);
        assertThat(pool.setDisabled(cookie(1), true)).isTrue();

        assertThat(Stream.generate(pool::lease)
                        .limit(5)
                        .map(s -> s.orElseThrow().cookie()))
                .containsOnly(cookie(2));
        assertThat(pool.counts()).isEqualTo(new PoolCounts(1, 0, 1, 0));
        assertThat(store.last().cookies())
                .filteredOn(CookieStatus::disabled)
                .extracting(CookieStatus::cookie)
                .containsExactly(cookie(1));
        assertThat(CookieCodec.encode(store.last().cookies().getFirst())
                        .get("disabled")
                        .booleanValue())
                .isTrue();

        assertThat(pool.setDisabled(cookie(1), false)).isTrue();
        assertThat(pool.counts()).isEqualTo(new PoolCounts(2, 0, 0, 0));
        assertThat(store.last().cookies()).noneMatch(CookieStatus::disabled);
        assertThat(leaseAll()).contains(cookie(1));
    }

    @Test
    void a_disabled_cookie_stays_disabled_when_its_cooldown_ends_and_returns_to_valid_when_enabled() {
        submit(1);
        pool.report(cookie(1), new Outcome.RateLimited(T0.plusSeconds(60)));
        pool.setDisabled(cookie(1), true);
        assertThat(pool.soonestReset())
                .as("disabled cookies give no retry time")
                .isEmpty();

        clock.advance(Duration.ofMinutes(5));
        pool.tick();
        assertThat(pool.lease()).isEmpty();
        assertThat(pool.counts()).isEqualTo(new PoolCounts(0, 0, 1, 0));

        pool.setDisabled(cookie(1), false);
        assertThat(pool.lease()).isPresent();
    }

    @Test
    void a_disabled_cookie_enabled_before_its_reset_time_is_exhausted() {
        submit(1);
        pool.report(cookie(1), new Outcome.RateLimited(T0.plusSeconds(60)));
        pool.setDisabled(cookie(1), true);
        pool.setDisabled(cookie(1), false);
        assertThat(pool.counts()).isEqualTo(new PoolCounts(0, 1, 0, 0));
    }

    @Test
    void disabling_an_unknown_or_retired_cookie_finds_nothing() {
        submit(1);
        pool.report(cookie(1), new Outcome.Invalid(new Reason.Null()));
        assertThat(pool.setDisabled(cookie(1), true)).isFalse();
        assertThat(pool.setDisabled(cookie(9), true)).isFalse();
    }

    @Test
    void a_cookie_known_in_any_state_is_a_duplicate() {
        submit(1, 2, 3, 4);
        pool.report(cookie(2), new Outcome.RateLimited(T0.plusSeconds(60)));
        pool.setDisabled(cookie(3), true);
        pool.report(cookie(4), new Outcome.Invalid(new Reason.Banned()));
        pool.saveNow(); // let the background save of the report land first
        int saves = store.saves.size();

        for (int n = 1; n <= 4; n++) {
            assertThat(pool.submit(cookie(n))).isEqualTo(SubmitResult.DUPLICATE);
        }
        assertThat(pool.counts()).isEqualTo(new PoolCounts(1, 1, 1, 1));
        assertThat(store.saves).hasSize(saves);
    }

    @Test
    void a_submitted_cookie_is_saved_before_submit_returns() {
        submit(1);
        assertThat(store.last().cookies()).extracting(CookieStatus::cookie).containsExactly(cookie(1));
    }

    @Test
    void a_failed_save_makes_the_user_action_fail() {
        store.failWith = new CredentialStoreException("disk full");
        assertThatThrownBy(() -> pool.submit(cookie(1)))
                .isInstanceOf(CredentialStoreException.class)
                .hasRootCauseMessage("disk full");
    }

    @Test
    void delete_removes_a_cookie_from_every_state_and_saves() {
        submit(1, 2, 3, 4);
        pool.report(cookie(2), new Outcome.RateLimited(T0.plusSeconds(60)));
        pool.setDisabled(cookie(3), true);
        pool.report(cookie(4), new Outcome.Invalid(new Reason.Banned()));

        for (int n = 1; n <= 4; n++) {
            assertThat(pool.delete(cookie(n))).isTrue();
            assertThat(store.last().cookies()).extracting(CookieStatus::cookie).doesNotContain(cookie(n));
            assertThat(store.last().retired()).extracting(RetiredCookie::cookie).doesNotContain(cookie(n));
        }
        assertThat(pool.counts().total()).isZero();
        assertThat(pool.delete(cookie(1))).isFalse();
    }

    @Test
    void loading_puts_each_entry_in_the_state_its_record_says() {
        pool.close();
        CookieStatus cooling =
                CookieStatus.builder(cookie(1)).resetTime(T0.plusSeconds(60)).build();
        CookieStatus expired = CookieStatus.builder(cookie(2))
                .resetTime(T0.minusSeconds(60))
                .usage(UsageWindow.SESSION, new UsageBreakdown(5, 5, 0, 0, 0, 0))
                .lifetimeUsage(new UsageBreakdown(5, 5, 0, 0, 0, 0))
                .build();
        CookieStatus off = CookieStatus.builder(cookie(3)).disabled(true).build();
        PoolSnapshot initial = new PoolSnapshot(
                List.of(cooling, expired, off, CookieStatus.of(cookie(4)), CookieStatus.of(cookie(1))),
                List.of(
                        RetiredCookie.of(cookie(5), new Reason.Free()),
                        RetiredCookie.of(cookie(4), new Reason.Null())));

        pool = CookiePool.create(clock, store, initial);

        assertThat(pool.counts()).isEqualTo(new PoolCounts(2, 1, 1, 1));
        CookieStatus restored = pool.snapshot().cookies().get(1);
        assertThat(restored.resetTime()).isEmpty();
        assertThat(restored.usage(UsageWindow.SESSION)).isEqualTo(UsageBreakdown.ZERO);
        assertThat(restored.lifetimeUsage().totalInputTokens()).isEqualTo(5);
        assertThat(pool.snapshot().cookies())
                .extracting(CookieStatus::cookie)
                .containsExactly(cookie(1), cookie(2), cookie(3), cookie(4));
    }

    @Test
    void reconcile_adds_new_cookies_drops_removed_ones_and_keeps_learned_state() {
        submit(1, 2);
        pool.report(cookie(1), new Outcome.RateLimited(T0.plusSeconds(60)));
        PoolSnapshot edited = new PoolSnapshot(
                List.of(CookieStatus.of(cookie(1)), CookieStatus.of(cookie(3))),
                List.of(RetiredCookie.of(cookie(4), new Reason.Banned())));

        assertThat(pool.reconcile(edited)).isEqualTo(new Reconciled(2, 1));

        assertThat(pool.counts()).isEqualTo(new PoolCounts(1, 1, 0, 1));
        assertThat(pool.soonestReset())
                .as("cookie 1 keeps its learned cooldown")
                .contains(T0.plusSeconds(60));
        assertThat(leaseAll()).containsExactly(cookie(3));
    }

    @Test
    void the_snapshot_lists_usable_cookies_and_retired_ones_in_a_stable_order() {
        submit(1, 2, 3);
        pool.report(cookie(3), new Outcome.Invalid(new Reason.Free()));
        PoolSnapshot first = pool.snapshot();
        pool.lease();
        pool.lease();
        assertThat(pool.snapshot()).isEqualTo(first);
        assertThat(first.cookies()).extracting(CookieStatus::cookie).containsExactly(cookie(1), cookie(2));
        assertThat(first.retired()).extracting(RetiredCookie::cookie).containsExactly(cookie(3));
    }

    @Test
    void soonest_reset_is_the_earliest_cooldown_or_empty() {
        assertThat(pool.soonestReset()).isEmpty();
        submit(1, 2);
        pool.report(cookie(1), new Outcome.RateLimited(T0.plusSeconds(600)));
        pool.report(cookie(2), new Outcome.Restricted(T0.plusSeconds(60)));
        assertThat(pool.soonestReset()).contains(T0.plusSeconds(60));
        Instant later = T0.plusSeconds(61);
        clock.set(later);
        pool.tick();
        assertThat(pool.soonestReset()).contains(T0.plusSeconds(600));
    }
}
