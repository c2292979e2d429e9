package io.clewdr.provider.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.clewdr.credential.ClewdrCookie;
import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.Outcome;
import io.clewdr.credential.Reason;
import io.clewdr.provider.Opened;
import io.clewdr.testkit.FakeClaudeAccounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 401s healed by a new token, cookies that cannot be healed, one renewal per cookie, free accounts. */
class TokenHealingTest {
    private final ClewdrCookie cookie = CodeFixture.cookie(2);
    private final CodeFixture fx = new CodeFixture(CookieStatus.of(cookie));
    private final FakeClaudeAccounts.Account account = fx.account(cookie);

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void a_revoked_access_token_is_healed_by_authorizing_again_without_retiring_the_cookie() throws Exception {
        CodeFixture.body(fx.messages(cookie));
        String revoked = fx.current(cookie).token().orElseThrow().accessToken();
        fx.oauth.revokeAll(account);

        Opened opened = fx.messages(cookie);

        assertThat(CodeFixture.body(opened)).contains("echo: hello");
        assertThat(fx.oauth.codeGrants).hasValue(2);
        assertThat(fx.server.received("/v1/messages")).hasSize(3);
        assertThat(fx.current(cookie).token().orElseThrow().accessToken()).isNotEqualTo(revoked);
        assertThat(fx.pool.counts().valid()).isEqualTo(1);
    }

    @Test
    void a_revoked_access_token_with_a_live_refresh_token_is_healed_by_a_refresh() throws Exception {
        CodeFixture.body(fx.messages(cookie));
        fx.oauth.revokeAccessTokens(account);

        CodeFixture.body(fx.messages(cookie));

        assertThat(fx.oauth.refreshGrants).hasValue(1);
        assertThat(fx.oauth.codeGrants).hasValue(1);
    }

    @Test
    void a_cookie_whose_new_token_is_refused_too_is_retired_as_null() throws Exception {
        CodeFixture.body(fx.messages(cookie));
        fx.oauth.refuseEveryToken(account);

        Opened opened = fx.messages(cookie);

        assertThat(opened).isInstanceOfSatisfying(Opened.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo(new Outcome.Invalid(new Reason.Null()));
            assertThat(failed.error().status()).isEqualTo(401);
        });
        assertThat(fx.server.received("/v1/messages")).hasSize(3);
        assertThat(fx.oauth.refreshGrants).hasValue(1);
    }

    @Test
    void fifty_concurrent_calls_during_a_refresh_cause_exactly_one_token_call() throws Exception {
        CodeFixture.body(fx.messages(cookie));
        fx.clock.advance(Duration.ofMinutes(57));
        fx.oauth.tokenDelay = Duration.ofMillis(300);
        CookieStatus leased = fx.current(cookie);
        int before = fx.oauth.tokenCalls.get();

        List<Future<String>> calls = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                calls.add(threads.submit(() -> CodeFixture.body(
                        fx.backend.messages(leased, CodeFixture.request("hello", false), List.of(), false))));
            }
            for (Future<String> call : calls) {
                assertThat(call.get()).contains("echo: hello");
            }
        }

        assertThat(fx.oauth.tokenCalls.get() - before).isEqualTo(1);
        String token = fx.current(cookie).token().orElseThrow().accessToken();
        assertThat(fx.server.received("/v1/messages").stream().skip(1))
                .hasSize(50)
                .allSatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + token));
    }

    @Test
    void a_free_account_is_marked_unusable_for_claude_code_but_not_retired() throws Exception {
        account.free();

        Opened opened = fx.messages(cookie);

        assertThat(opened).isInstanceOfSatisfying(Opened.Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.outcome()).isInstanceOf(Outcome.Transient.class);
            assertThat(failed.error().message()).contains("Pro or Max");
        });
        assertThat(fx.current(cookie).codeUnusable()).isTrue();
        assertThat(fx.pool.counts().valid()).isEqualTo(1);
        assertThat(fx.oauth.authorizeCalls).hasValue(0);
    }

    @Test
    void a_logged_out_cookie_is_retired_by_the_bootstrap_classification() throws Exception {
        account.override = r -> FakeClaudeAccounts.error(401, "authentication_error", "Invalid authorization");

        Opened opened = fx.messages(cookie);

        assertThat(opened)
                .isInstanceOfSatisfying(
                        Opened.Failed.class,
                        failed -> assertThat(failed.outcome()).isEqualTo(new Outcome.Invalid(new Reason.Null())));
    }
}
