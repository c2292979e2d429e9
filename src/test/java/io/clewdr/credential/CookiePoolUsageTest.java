package io.clewdr.credential;

import static io.clewdr.credential.Fixtures.T0;
import static io.clewdr.credential.Fixtures.cookie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clewdr.credential.Fixtures.MutableClock;
import io.clewdr.credential.Fixtures.RecordingStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CookiePoolUsageTest {

    private final MutableClock clock = new MutableClock(T0);
    private final RecordingStore store = new RecordingStore();
    private CookiePool pool = CookiePool.create(clock, store, PoolSnapshot.EMPTY);

    @AfterEach
    void close() {
        pool.close();
    }

    private CookieStatus only() {
        return pool.snapshot().cookies().getFirst();
    }

    @Test
    void an_exchange_lands_in_session_weekly_lifetime_and_its_family_bucket() {
        pool.submit(cookie(1));
        pool.recordUsage(cookie(1), "claude-sonnet-4-6", 100, 10);
        pool.recordUsage(cookie(1), "claude-opus-4-1", 50, 5);
        pool.recordUsage(cookie(1), "claude-haiku-4-5", 1, 1);

        CookieStatus s = only();
        assertThat(s.usage(UsageWindow.SESSION)).isEqualTo(new UsageBreakdown(151, 16, 100, 10, 50, 5));
        assertThat(s.usage(UsageWindow.WEEKLY)).isEqualTo(s.usage(UsageWindow.SESSION));
        assertThat(s.lifetimeUsage()).isEqualTo(s.usage(UsageWindow.SESSION));
        assertThat(s.usage(UsageWindow.WEEKLY_SONNET)).isEqualTo(new UsageBreakdown(100, 10, 100, 10, 0, 0));
        assertThat(s.usage(UsageWindow.WEEKLY_OPUS)).isEqualTo(new UsageBreakdown(50, 5, 0, 0, 50, 5));
    }

    @Test
    void recorded_usage_is_saved_in_the_background() {
        pool.submit(cookie(1));
        pool.recordUsage(cookie(1), "claude-sonnet-4-6", 3, 4);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> store.last().cookies().getFirst().lifetimeUsage().totalOutputTokens() == 4);
    }

    @Test
    void an_update_reaches_an_exhausted_cookie() {
        pool.submit(cookie(1));
        pool.report(cookie(1), new Outcome.RateLimited(T0.plusSeconds(600)));
        OAuthToken token = OAuthToken.issued("sk-ant-oat01-new", Duration.ofHours(8), "r", "org", T0);

        assertThat(pool.update(
                        cookie(1),
                        s -> s.toBuilder()
                                .token(token)
                                .countTokensAllowed(false)
                                .build()))
                .isTrue();
        assertThat(pool.recordUsage(cookie(1), "claude-sonnet-4-6", 1, 1)).isTrue();

        CookieStatus s = only();
        assertThat(s.token()).contains(token);
        assertThat(s.countTokensAllowed()).contains(false);
        assertThat(s.lifetimeUsage().totalInputTokens()).isEqualTo(1);
        assertThat(s.resetTime()).as("still parked").contains(T0.plusSeconds(600));
    }

    @Test
    void an_update_reaches_a_disabled_cookie_and_cannot_change_the_pool_state() {
        pool.submit(cookie(1));
        pool.setDisabled(cookie(1), true);
        pool.update(
                cookie(1),
                s -> s.toBuilder()
                        .disabled(false)
                        .resetTime(T0)
                        .codeUnusable(true)
                        .build());

        CookieStatus s = only();
        assertThat(s.codeUnusable()).isTrue();
        assertThat(s.disabled()).isTrue();
        assertThat(s.resetTime()).isEmpty();
        assertThat(pool.counts()).isEqualTo(new PoolCounts(0, 0, 1, 0));
    }

    @Test
    void an_update_of_an_unknown_or_retired_cookie_finds_nothing() {
        pool.submit(cookie(1));
        pool.report(cookie(1), new Outcome.Invalid(new Reason.Banned()));
        assertThat(pool.update(cookie(1), s -> s)).isFalse();
        assertThat(pool.recordUsage(cookie(2), "x", 1, 1)).isFalse();
    }

    @Test
    void an_update_may_not_swap_the_cookie() {
        pool.submit(cookie(1));
        assertThatThrownBy(() -> pool.update(cookie(1), s -> CookieStatus.of(cookie(2))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_tick_rolls_tracked_windows_whose_boundary_passed() {
        pool.close();
        UsageBreakdown used = new UsageBreakdown(9, 9, 9, 9, 9, 9);
        CookieStatus s = CookieStatus.builder(cookie(1))
                .usage(UsageWindow.SESSION, used)
                .usage(UsageWindow.WEEKLY, used)
                .usage(UsageWindow.WEEKLY_SONNET, used)
                .usage(UsageWindow.WEEKLY_OPUS, used)
                .lifetimeUsage(used)
                .hasReset(UsageWindow.SESSION, true)
                .resetsAt(UsageWindow.SESSION, T0.plusSeconds(60))
                .hasReset(UsageWindow.WEEKLY, true)
                .resetsAt(UsageWindow.WEEKLY, T0.plus(Duration.ofDays(3)))
                .resetsAt(UsageWindow.WEEKLY_SONNET, T0) // unknown tri-state: not tracked
                .hasReset(UsageWindow.WEEKLY_OPUS, true)
                .resetsAt(UsageWindow.WEEKLY_OPUS, T0) // opus windows no longer roll
                .build();
        pool = CookiePool.create(clock, store, new PoolSnapshot(List.of(s), List.of()));

        pool.tick();
        assertThat(only()).as("nothing due yet").isEqualTo(s);

        clock.advance(Duration.ofMinutes(5));
        pool.tick();
        CookieStatus rolled = only();
        assertThat(rolled.usage(UsageWindow.SESSION)).isEqualTo(UsageBreakdown.ZERO);
        assertThat(rolled.resetsAt(UsageWindow.SESSION))
                .contains(clock.instant().plus(Duration.ofHours(5)));
        assertThat(rolled.usage(UsageWindow.WEEKLY)).isEqualTo(used);
        assertThat(rolled.usage(UsageWindow.WEEKLY_SONNET)).isEqualTo(used);
        assertThat(rolled.usage(UsageWindow.WEEKLY_OPUS)).isEqualTo(used);
        assertThat(rolled.lifetimeUsage()).isEqualTo(used);

        clock.advance(Duration.ofDays(3));
        pool.tick();
        assertThat(only().usage(UsageWindow.WEEKLY)).isEqualTo(UsageBreakdown.ZERO);
        assertThat(only().resetsAt(UsageWindow.WEEKLY)).contains(clock.instant().plus(Duration.ofDays(7)));
    }

    @Test
    void start_runs_the_first_tick_at_once() throws Exception {
        pool.close();
        CookieStatus due = CookieStatus.builder(cookie(1))
                .usage(UsageWindow.SESSION, new UsageBreakdown(1, 1, 0, 0, 0, 0))
                .hasReset(UsageWindow.SESSION, true)
                .resetsAt(UsageWindow.SESSION, T0)
                .build();
        pool = CookiePool.create(clock, store, new PoolSnapshot(List.of(due), List.of()));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            pool.start(scheduler);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> only().usage(UsageWindow.SESSION).equals(UsageBreakdown.ZERO));
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void the_status_groups_cookies_by_state_after_rolling_windows() {
        pool.submit(cookie(1));
        pool.submit(cookie(2));
        pool.submit(cookie(3));
        pool.submit(cookie(4));
        pool.report(cookie(2), new Outcome.RateLimited(T0.plusSeconds(60)));
        pool.setDisabled(cookie(3), true);
        pool.report(cookie(4), new Outcome.Invalid(new Reason.Null()));
        pool.update(
                cookie(1),
                s -> s.toBuilder()
                        .usage(UsageWindow.SESSION, new UsageBreakdown(1, 1, 0, 0, 0, 0))
                        .hasReset(UsageWindow.SESSION, true)
                        .resetsAt(UsageWindow.SESSION, T0.plusSeconds(10))
                        .build());
        clock.advance(Duration.ofSeconds(30));

        PoolStatus status = pool.status();
        assertThat(status.valid()).extracting(CookieStatus::cookie).containsExactly(cookie(1));
        assertThat(status.valid().getFirst().usage(UsageWindow.SESSION)).isEqualTo(UsageBreakdown.ZERO);
        assertThat(status.exhausted()).extracting(CookieStatus::cookie).containsExactly(cookie(2));
        assertThat(status.disabled()).extracting(CookieStatus::cookie).containsExactly(cookie(3));
        assertThat(status.invalid()).containsExactly(RetiredCookie.of(cookie(4), new Reason.Null()));
    }
}
