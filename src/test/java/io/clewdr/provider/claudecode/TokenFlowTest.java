package io.clewdr.provider.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.clewdr.credential.ClewdrCookie;
import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.OAuthToken;
import io.clewdr.credential.Outcome;
import io.clewdr.provider.Opened;
import io.clewdr.testkit.FakeAnthropicOAuth;
import io.clewdr.testkit.FakeClaudeAccounts;
import io.clewdr.testkit.Recorded;
import io.clewdr.testkit.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The token dance of §7.3-7.7 against the OAuth fake. */
class TokenFlowTest {
    private final ClewdrCookie cookie = CodeFixture.cookie(1);
    private final CodeFixture fx = new CodeFixture(CookieStatus.of(cookie));
    private final FakeClaudeAccounts.Account account = fx.account(cookie);

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void a_cookie_without_a_token_is_authorized_with_bootstrap_authorize_and_exchange() throws Exception {
        Opened opened = fx.messages(cookie);

        assertThat(CodeFixture.body(opened)).contains("echo: hello");
        assertThat(fx.server.received().stream().map(Recorded::path))
                .containsExactly(
                        "/api/bootstrap",
                        "/v1/oauth/" + account.orgUuid + "/authorize",
                        "/v1/oauth/token",
                        "/v1/messages");
        Recorded bootstrap = fx.server.received("/api/bootstrap").getFirst();
        assertThat(bootstrap.header("cookie")).isEqualTo("sessionKey=" + cookie.value());
        assertThat(bootstrap.header("user-agent")).isEqualTo("claude-code/2.1.76");

        JsonNode authorize = fx.server
                .received("/v1/oauth/" + account.orgUuid + "/authorize")
                .getFirst()
                .json();
        assertThat(authorize.propertyNames())
                .containsExactly(
                        "response_type",
                        "client_id",
                        "state",
                        "code_challenge",
                        "code_challenge_method",
                        "redirect_uri",
                        "scope",
                        "organization_uuid");
        assertThat(authorize.path("scope").asString()).isEqualTo("user:profile user:inference");

        Recorded exchange = fx.oauth.tokenRequests().getFirst();
        assertThat(exchange.header("content-type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(exchange.header("anthropic-beta")).isEqualTo("oauth-2025-04-20");
        assertThat(exchange.header("anthropic-version")).isEqualTo("2023-06-01");
        List<Map.Entry<String, String>> form = FakeAnthropicOAuth.form(exchange);
        assertThat(form.stream().map(Map.Entry::getKey))
                .containsExactly("grant_type", "code", "code_verifier", "client_id", "redirect_uri", "state");
        String code = form.get(1).getValue();
        // The fake's codes contain "+/=", so the raw body shows the standard form encoding.
        assertThat(code).contains("+/=");
        assertThat(exchange.bodyText())
                .startsWith("grant_type=authorization_code&code="
                        + code.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D") + "&code_verifier=")
                .contains("&client_id=" + FakeAnthropicOAuth.CLIENT_ID
                        + "&redirect_uri=https%3A%2F%2Fconsole.anthropic.com%2Foauth%2Fcode%2Fcallback&state=");
        assertThat(form.get(2).getValue()).hasSize(43);
    }

    @Test
    void the_token_is_stored_in_the_cookie_and_reused() throws Exception {
        CodeFixture.body(fx.messages(cookie));
        OAuthToken token = fx.current(cookie).token().orElseThrow();
        assertThat(token.expiresAt()).isEqualTo(CodeFixture.T0.plus(Duration.ofHours(1)));
        assertThat(token.organizationUuid()).isEqualTo(account.orgUuid);
        assertThat(fx.oauth.issuedAccessTokens()).containsExactly(token.accessToken());

        fx.clock.advance(Duration.ofMinutes(54));
        CodeFixture.body(fx.messages(cookie));
        CodeFixture.body(fx.messages(cookie));

        assertThat(fx.oauth.tokenCalls).hasValue(1);
        assertThat(fx.server.received("/v1/messages"))
                .allSatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + token.accessToken()));
    }

    @Test
    void a_token_with_less_than_five_minutes_left_is_refreshed_with_the_documented_form() throws Exception {
        CodeFixture.body(fx.messages(cookie));
        OAuthToken first = fx.current(cookie).token().orElseThrow();
        fx.clock.advance(Duration.ofMinutes(55).plusSeconds(1));

        CodeFixture.body(fx.messages(cookie));

        assertThat(fx.oauth.refreshGrants).hasValue(1);
        assertThat(fx.oauth.codeGrants).hasValue(1);
        Recorded refresh = fx.oauth.tokenRequests().getLast();
        assertThat(refresh.bodyText())
                .isEqualTo("grant_type=refresh_token&refresh_token=" + first.refreshToken() + "&client_id="
                        + FakeAnthropicOAuth.CLIENT_ID);
        OAuthToken second = fx.current(cookie).token().orElseThrow();
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(second.organizationUuid()).isEqualTo(account.orgUuid);
        assertThat(second.expiresAt()).isEqualTo(fx.clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void a_refresh_answered_with_invalid_grant_authorizes_again() throws Exception {
        CodeFixture.body(fx.messages(cookie));
        fx.oauth.revokeAll(account);
        fx.clock.advance(Duration.ofMinutes(58));

        CodeFixture.body(fx.messages(cookie));

        assertThat(fx.oauth.refreshGrants).hasValue(0);
        assertThat(fx.oauth.codeGrants).hasValue(2);
        assertThat(fx.server.received("/api/bootstrap")).hasSize(2);
        assertThat(fx.current(cookie).token().orElseThrow().accessToken()).isIn(fx.oauth.issuedAccessTokens());
    }

    @Test
    void another_rejection_of_a_refresh_is_a_500_that_is_not_retried() throws Exception {
        CodeFixture.body(fx.messages(cookie));
        fx.clock.advance(Duration.ofMinutes(58));
        fx.oauth.enqueueTokenReply(r -> Reply.json(400, "{\"error\":\"server_busy\",\"error_description\":\"later\"}"));

        Opened opened = fx.messages(cookie);

        assertThat(opened).isInstanceOfSatisfying(Opened.Failed.class, failed -> {
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.error().status()).isEqualTo(500);
            assertThat(failed.error().message()).contains("server_busy: later");
        });
    }

    @Test
    void a_token_endpoint_failure_without_an_error_body_is_transient_and_quotes_the_status() throws Exception {
        fx.oauth.enqueueTokenReply(r -> Reply.text(503, "text/html", "<html>down</html>"));

        Opened opened = fx.messages(cookie);

        assertThat(opened).isInstanceOfSatisfying(Opened.Failed.class, failed -> {
            assertThat(failed.outcome()).isInstanceOf(Outcome.Transient.class);
            assertThat(failed.error().message()).contains("HTTP 503").contains("<html>down</html>");
        });
        assertThat(fx.current(cookie).token()).isEmpty();
    }

    @Test
    void a_configured_client_id_is_used_in_authorize_and_token_calls() throws Exception {
        fx.settings.set(fx.settings.get().with(Map.of("claude_code_client_id", "my-client")));
        fx.oauth.expectedClientId = "my-client";

        CodeFixture.body(fx.messages(cookie));

        assertThat(FakeAnthropicOAuth.form(fx.oauth.tokenRequests().getFirst()))
                .contains(Map.entry("client_id", "my-client"));
    }

    @Test
    void a_bootstrap_without_an_account_retires_the_cookie() throws Exception {
        account.nullAccount = true;

        Opened opened = fx.messages(cookie);

        assertThat(opened)
                .isInstanceOfSatisfying(
                        Opened.Failed.class,
                        failed -> assertThat(failed.outcome())
                                .isEqualTo(new Outcome.Invalid(new io.clewdr.credential.Reason.Null())));
        assertThat(fx.oauth.authorizeCalls).hasValue(0);
    }
}
