package io.clewdr.provider.claudeweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.clewdr.credential.ClewdrCookie;
import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.Outcome;
import io.clewdr.credential.Reason;
import io.clewdr.provider.Opened;
import io.clewdr.testkit.FakeClaudeAccounts;
import io.clewdr.testkit.FakeClaudeWeb;
import io.clewdr.testkit.Reply;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way Claude.ai answers a web call badly, and what the pool and the client learn. */
class ClaudeWebErrorsTest {

    private static final Instant RESET = Instant.parse("2026-07-26T17:00:00Z");

    private final WebFixture f = new WebFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private Opened.Failed failed(CookieStatus cookie) throws InterruptedException {
        Opened opened = f.open(cookie, WebFixture.hello(), true);
        assertThat(opened).isInstanceOf(Opened.Failed.class);
        return (Opened.Failed) opened;
    }

    private FakeClaudeAccounts.Account account(CookieStatus cookie) {
        return f.accounts.account(cookie.cookie().value());
    }

    private void completionAnswers(CookieStatus cookie, Reply reply) {
        f.web.script(cookie.cookie().value()).completion = r -> reply;
    }

    @Test
    void a_429_parks_the_cookie_until_the_resets_at_inside_the_json_message() throws Exception {
        CookieStatus cookie = f.cookie(1);
        completionAnswers(cookie, FakeClaudeWeb.rateLimited(RESET.getEpochSecond()));

        Opened.Failed failed = failed(cookie);

        assertThat(failed.outcome()).isEqualTo(new Outcome.RateLimited(RESET));
        assertThat(failed.error().status()).isEqualTo(429);
        assertThat(failed.retryable()).isTrue();
    }

    @Test
    void a_429_without_resets_at_uses_the_unified_reset_header() throws Exception {
        CookieStatus cookie = f.cookie(1);
        completionAnswers(
                cookie,
                FakeClaudeAccounts.error(429, "rate_limit_error", "slow down")
                        .header("anthropic-ratelimit-unified-reset", Long.toString(RESET.getEpochSecond())));

        assertThat(failed(cookie).outcome()).isEqualTo(new Outcome.RateLimited(RESET));
    }

    @Test
    void a_429_with_neither_parks_the_cookie_for_one_hour() throws Exception {
        CookieStatus cookie = f.cookie(1);
        completionAnswers(cookie, FakeClaudeAccounts.error(429, "rate_limit_error", "slow down"));

        assertThat(failed(cookie).outcome())
                .isEqualTo(new Outcome.RateLimited(WebFixture.T0.plus(Duration.ofHours(1))));
    }

    @Test
    void a_401_retires_the_cookie_as_null_before_any_conversation_exists() throws Exception {
        CookieStatus cookie = f.cookie(1);
        account(cookie).override = r -> FakeClaudeWeb.unauthorized();

        Opened.Failed failed = failed(cookie);

        assertThat(failed.outcome()).isEqualTo(new Outcome.Invalid(new Reason.Null()));
        assertThat(failed.error().status()).isEqualTo(401);
        assertThat(f.calls()).containsExactly("GET /api/bootstrap");
    }

    @Test
    void an_unknown_cookie_is_retired_as_null() throws Exception {
        CookieStatus stranger = CookieStatus.of(ClewdrCookie.from(WebFixture.cookieValue(99)));

        assertThat(failed(stranger).outcome()).isEqualTo(new Outcome.Invalid(new Reason.Null()));
    }

    @Test
    void a_disabled_organization_retires_the_cookie() throws Exception {
        CookieStatus cookie = f.cookie(1);
        completionAnswers(cookie, FakeClaudeWeb.disabled());

        assertThat(failed(cookie).outcome()).isEqualTo(new Outcome.Invalid(new Reason.Disabled()));
    }

    @Test
    void a_bootstrap_without_an_account_retires_the_cookie_as_null() throws Exception {
        CookieStatus cookie = f.cookie(1);
        account(cookie).nullAccount = true;

        assertThat(failed(cookie).outcome()).isEqualTo(new Outcome.Invalid(new Reason.Null()));
        assertThat(f.calls()).containsExactly("GET /api/bootstrap");
    }

    @Test
    void an_active_banned_flag_retires_the_cookie_before_a_conversation_is_created() throws Exception {
        CookieStatus cookie = f.cookie(1);
        account(cookie).flag("banned", WebFixture.T0.plus(Duration.ofDays(30)));

        assertThat(failed(cookie).outcome()).isEqualTo(new Outcome.Invalid(new Reason.Banned()));
        assertThat(f.calls()).containsExactly("GET /api/bootstrap", "GET /api/organizations");
    }

    @Test
    void an_expired_flag_is_ignored() throws Exception {
        CookieStatus cookie = f.cookie(1);
        account(cookie).flag("banned", WebFixture.T0.minusSeconds(1));
        f.set("skip_restricted", true);
        account(cookie).flag("restricted", WebFixture.T0.minusSeconds(60));

        assertThat(f.open(cookie, WebFixture.hello(), true)).isInstanceOf(Opened.Accepted.class);
    }

    @Test
    void a_restricted_flag_parks_the_cookie_until_its_latest_expiry_when_skip_restricted_is_set() throws Exception {
        CookieStatus cookie = f.cookie(1);
        Instant later = WebFixture.T0.plus(Duration.ofHours(30));
        account(cookie)
                .flag("restricted", WebFixture.T0.plus(Duration.ofHours(3)))
                .flag("restricted", later);
        f.set("skip_restricted", true);

        Opened.Failed failed = failed(cookie);

        assertThat(failed.outcome()).isEqualTo(new Outcome.Restricted(later));
        assertThat(failed.retryable()).isTrue();
    }

    @Test
    void a_restricted_flag_is_used_anyway_without_skip_restricted() throws Exception {
        CookieStatus cookie = f.cookie(1);
        account(cookie).flag("restricted", WebFixture.T0.plus(Duration.ofHours(3)));

        assertThat(f.open(cookie, WebFixture.hello(), true)).isInstanceOf(Opened.Accepted.class);
    }

    @Test
    void a_second_warning_parks_the_cookie_when_skip_second_warning_is_set() throws Exception {
        CookieStatus cookie = f.cookie(1);
        Instant until = WebFixture.T0.plus(Duration.ofDays(2));
        account(cookie).flag("second_warning", until);
        f.set("skip_second_warning", true);

        assertThat(failed(cookie).outcome()).isEqualTo(new Outcome.Restricted(until));
    }

    @Test
    void a_first_warning_parks_the_cookie_when_skip_first_warning_is_set() throws Exception {
        CookieStatus cookie = f.cookie(1);
        Instant until = WebFixture.T0.plus(Duration.ofDays(1));
        account(cookie).flag("first_warning", until);
        f.set("skip_first_warning", true);

        assertThat(failed(cookie).outcome()).isEqualTo(new Outcome.Restricted(until));
    }

    @Test
    void the_flag_checks_are_an_else_if_chain_so_a_tolerated_restriction_hides_a_skipped_warning() throws Exception {
        CookieStatus cookie = f.cookie(1);
        account(cookie)
                .flag("restricted", WebFixture.T0.plus(Duration.ofHours(1)))
                .flag("first_warning", WebFixture.T0.plus(Duration.ofHours(2)));
        f.set("skip_first_warning", true);

        assertThat(f.open(cookie, WebFixture.hello(), true)).isInstanceOf(Opened.Accepted.class);
    }

    @Test
    void skip_normal_pro_rejects_an_account_without_flags() throws Exception {
        CookieStatus cookie = f.cookie(1);
        f.set("skip_normal_pro", true);

        Opened.Failed failed = failed(cookie);

        assertThat(failed.outcome()).isEqualTo(new Outcome.Invalid(new Reason.NormalPro()));
        assertThat(failed.retryable()).isFalse();
    }

    @Test
    void a_free_account_is_retired_with_skip_non_pro() throws Exception {
        CookieStatus cookie = f.cookie(1);
        account(cookie).free();
        f.set("skip_non_pro", true);

        assertThat(failed(cookie).outcome()).isEqualTo(new Outcome.Invalid(new Reason.Free()));
        assertThat(f.calls()).containsExactly("GET /api/bootstrap");
    }

    @Test
    void a_free_account_is_used_without_skip_non_pro() throws Exception {
        CookieStatus cookie = f.cookie(1);
        account(cookie).free();

        assertThat(f.open(cookie, WebFixture.hello(), true)).isInstanceOf(Opened.Accepted.class);
    }

    @Test
    void a_302_is_a_clear_blocked_error_and_changes_nothing_about_the_cookie() throws Exception {
        CookieStatus cookie = f.cookie(1);
        account(cookie).override = r -> FakeClaudeWeb.blocked();

        Opened.Failed failed = failed(cookie);

        assertThat(failed.outcome()).isInstanceOf(Outcome.Transient.class);
        assertThat(failed.error().message()).contains("Blocked").contains("IP");
    }

    @Test
    void a_500_or_a_529_is_transient() throws Exception {
        CookieStatus cookie = f.cookie(1);
        completionAnswers(cookie, FakeClaudeAccounts.error(500, "api_error", "Internal server error"));
        Opened.Failed internal = failed(cookie);
        completionAnswers(cookie, FakeClaudeAccounts.error(529, "overloaded_error", "Overloaded"));
        Opened.Failed overloaded = failed(cookie);

        assertThat(internal.outcome()).isInstanceOf(Outcome.Transient.class);
        assertThat(internal.error().status()).isEqualTo(500);
        assertThat(overloaded.outcome()).isInstanceOf(Outcome.Transient.class);
        assertThat(overloaded.error().type()).isEqualTo("overloaded_error");
    }

    @Test
    void another_4xx_goes_to_the_client_without_touching_the_cookie() throws Exception {
        CookieStatus cookie = f.cookie(1);
        completionAnswers(cookie, FakeClaudeAccounts.error(400, "invalid_request_error", "prompt is too long"));

        Opened.Failed failed = failed(cookie);

        assertThat(failed.outcome()).isEqualTo(new Outcome.Success());
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.error().message()).contains("prompt is too long");
    }

    @Test
    void a_refused_connection_is_transient() throws Exception {
        CookieStatus cookie = f.cookie(1);
        f.set("upstream.claude_base", "http://127.0.0.1:1/");

        Opened.Failed failed = failed(cookie);

        assertThat(failed.outcome()).isInstanceOf(Outcome.Transient.class);
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.error().message()).doesNotContain(cookie.cookie().value());
    }

    @Test
    void a_reset_connection_during_the_completion_is_transient() throws Exception {
        CookieStatus cookie = f.cookie(1);
        completionAnswers(cookie, Reply.reset());

        assertThat(failed(cookie).outcome()).isInstanceOf(Outcome.Transient.class);
    }
}
