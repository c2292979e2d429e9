package io.clewdr.provider.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.clewdr.credential.ClewdrCookie;
import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.ModelFamily;
import io.clewdr.credential.UsageBreakdown;
import io.clewdr.credential.UsageWindow;
import io.clewdr.testkit.FakeAnthropicApi;
import io.clewdr.testkit.Reply;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The window rules of §7.12, run through the backend's background probe with a clock the test moves. */
class QuotaWindowsTest {
    private static final UsageBreakdown USED = UsageBreakdown.ZERO.add(100, 50, ModelFamily.OTHER);
    private final ClewdrCookie cookie = CodeFixture.cookie(4);
    private CodeFixture fx;

    @AfterEach
    void close() {
        fx.close();
    }

    private CodeFixture start(CookieStatus status) {
        fx = new CodeFixture(status);
        fx.account(cookie); // the fake Claude host knows the cookie's account
        return fx;
    }

    @Test
    void unknown_windows_become_tracked_with_the_boundaries_the_api_gives() {
        start(CookieStatus.of(cookie));
        Instant now = fx.clock.instant();

        fx.backend.refreshWindowsIfDue(cookie);
        fx.background.runAll();

        CookieStatus s = fx.current(cookie);
        assertThat(s.hasReset(UsageWindow.SESSION)).contains(true);
        assertThat(s.resetsAt(UsageWindow.SESSION)).contains(now.plus(Duration.ofHours(3)));
        assertThat(s.hasReset(UsageWindow.WEEKLY)).contains(true);
        assertThat(s.resetsAt(UsageWindow.WEEKLY)).contains(now.plus(Duration.ofDays(2)));
        assertThat(s.hasReset(UsageWindow.WEEKLY_SONNET)).contains(false);
        assertThat(s.resetsAt(UsageWindow.WEEKLY_SONNET)).isEmpty();
        assertThat(s.resetsLastCheckedAt()).contains(now);
    }

    @Test
    void the_probe_runs_on_the_background_executor_and_not_in_the_caller() {
        start(CookieStatus.of(cookie));

        fx.backend.refreshWindowsIfDue(cookie);

        assertThat(fx.background.pending()).isEqualTo(1);
        assertThat(fx.oauth.usageCalls).hasValue(0);
        assertThat(fx.current(cookie).hasReset(UsageWindow.SESSION)).isEmpty();
        fx.background.runAll();
        assertThat(fx.oauth.usageCalls).hasValue(1);
    }

    @Test
    void windows_that_are_known_and_not_due_are_not_probed() {
        start(tracked(fx0Plus(Duration.ofHours(1)), fx0Plus(Duration.ofDays(1))));

        fx.backend.refreshWindowsIfDue(cookie);
        fx.background.runAll();

        assertThat(fx.oauth.usageCalls).hasValue(0);
        assertThat(fx.server.received()).isEmpty();
    }

    @Test
    void a_due_window_is_zeroed_and_takes_the_new_boundary() {
        start(tracked(fx0Plus(Duration.ofHours(1)), fx0Plus(Duration.ofDays(3))));
        fx.clock.advance(Duration.ofHours(2));
        Instant now = fx.clock.instant();

        fx.backend.refreshWindowsIfDue(cookie);
        fx.background.runAll();

        CookieStatus s = fx.current(cookie);
        assertThat(s.usage(UsageWindow.SESSION)).isEqualTo(UsageBreakdown.ZERO);
        assertThat(s.resetsAt(UsageWindow.SESSION)).contains(now.plus(Duration.ofHours(3)));
        assertThat(s.usage(UsageWindow.WEEKLY)).isEqualTo(USED);
        assertThat(s.resetsAt(UsageWindow.WEEKLY)).contains(now.plus(Duration.ofDays(2)));
        assertThat(s.lifetimeUsage()).isEqualTo(USED);
    }

    @Test
    void a_tracked_window_the_api_no_longer_reports_stops_being_tracked() {
        start(tracked(fx0Plus(Duration.ofHours(1)), fx0Plus(Duration.ofDays(3))));
        fx.clock.advance(Duration.ofHours(2));
        fx.oauth.usageAnswers(
                fx.account(cookie),
                r -> Reply.json(200, "{\"five_hour\":{\"utilization\":1,\"resets_at\":null},\"seven_day\":null}"));

        fx.backend.refreshWindowsIfDue(cookie);
        fx.background.runAll();

        CookieStatus s = fx.current(cookie);
        assertThat(s.hasReset(UsageWindow.SESSION)).contains(false);
        assertThat(s.resetsAt(UsageWindow.SESSION)).isEmpty();
        assertThat(s.hasReset(UsageWindow.WEEKLY)).contains(false);
    }

    @Test
    void a_failed_probe_zeroes_due_windows_and_moves_them_by_their_length() {
        start(tracked(fx0Plus(Duration.ofHours(1)), fx0Plus(Duration.ofDays(1))));
        fx.clock.advance(Duration.ofDays(2));
        Instant now = fx.clock.instant();
        fx.oauth.usageAnswers(fx.account(cookie), r -> FakeAnthropicApi.error(500, "api_error", "down"));

        fx.backend.refreshWindowsIfDue(cookie);
        fx.background.runAll();

        CookieStatus s = fx.current(cookie);
        assertThat(s.usage(UsageWindow.SESSION)).isEqualTo(UsageBreakdown.ZERO);
        assertThat(s.resetsAt(UsageWindow.SESSION)).contains(now.plus(Duration.ofHours(5)));
        assertThat(s.usage(UsageWindow.WEEKLY)).isEqualTo(UsageBreakdown.ZERO);
        assertThat(s.resetsAt(UsageWindow.WEEKLY)).contains(now.plus(Duration.ofDays(7)));
        assertThat(s.hasReset(UsageWindow.WEEKLY_SONNET)).contains(false);
        assertThat(s.resetsLastCheckedAt()).contains(now);
    }

    @Test
    void a_failing_probe_of_unknown_windows_is_not_repeated_within_five_minutes() {
        start(CookieStatus.of(cookie));
        fx.oauth.usageAnswers(fx.account(cookie), r -> FakeAnthropicApi.error(500, "api_error", "down"));

        fx.backend.refreshWindowsIfDue(cookie);
        fx.background.runAll();
        fx.clock.advance(Duration.ofMinutes(4));
        fx.backend.refreshWindowsIfDue(cookie);
        fx.background.runAll();
        assertThat(fx.oauth.usageCalls).hasValue(1);
        assertThat(fx.current(cookie).hasReset(UsageWindow.SESSION)).isEmpty();

        fx.clock.advance(Duration.ofMinutes(1));
        fx.backend.refreshWindowsIfDue(cookie);
        fx.background.runAll();
        assertThat(fx.oauth.usageCalls).hasValue(2);
    }

    private static Instant fx0Plus(Duration d) {
        return CodeFixture.T0.plus(d);
    }

    /** Session and weekly tracked with these boundaries and some usage; weekly Sonnet untracked. */
    private CookieStatus tracked(Instant session, Instant weekly) {
        return CookieStatus.builder(cookie)
                .hasReset(UsageWindow.SESSION, true)
                .resetsAt(UsageWindow.SESSION, session)
                .usage(UsageWindow.SESSION, USED)
                .hasReset(UsageWindow.WEEKLY, true)
                .resetsAt(UsageWindow.WEEKLY, weekly)
                .usage(UsageWindow.WEEKLY, USED)
                .hasReset(UsageWindow.WEEKLY_SONNET, false)
                .lifetimeUsage(USED)
                .build();
    }
}
