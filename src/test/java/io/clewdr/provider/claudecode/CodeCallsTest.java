package io.clewdr.provider.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.clewdr.credential.ClewdrCookie;
import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.Outcome;
import io.clewdr.provider.Opened;
import io.clewdr.testkit.FakeAnthropicApi;
import io.clewdr.testkit.FakeClaudeAccounts;
import io.clewdr.testkit.Recorded;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Messages and count_tokens calls send, and how their answers are handled. */
class CodeCallsTest {
    private final ClewdrCookie cookie = CodeFixture.cookie(3);
    private final CodeFixture fx = new CodeFixture(CookieStatus.of(cookie));
    private final FakeClaudeAccounts.Account account = fx.account(cookie);

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void the_headers_and_merged_betas_reach_the_api_and_the_body_is_sent_unchanged() throws Exception {
        byte[] body = CodeFixture.request("stream me", true);

        Opened opened = fx.backend.messages(
                fx.current(cookie), body, List.of("client-a, oauth-2025-04-20", "client-b,client-a"), true);

        assertThat(CodeFixture.body(opened)).contains("event: message_stop");
        Recorded call = fx.server.received("/v1/messages").getFirst();
        String token = fx.current(cookie).token().orElseThrow().accessToken();
        assertThat(call.header("authorization")).isEqualTo("Bearer " + token);
        assertThat(call.header("user-agent")).isEqualTo("claude-code/2.1.76");
        assertThat(call.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(call.header("anthropic-beta")).isEqualTo("oauth-2025-04-20,client-a,client-b");
        assertThat(call.header("content-type")).isEqualTo("application/json");
        assertThat(call.header("accept")).isEqualTo("text/event-stream");
        assertThat(call.header("x-api-key")).isNull();
        assertThat(call.body()).isEqualTo(body);
    }

    @Test
    void a_rate_limit_parks_the_cookie_until_the_reset_the_api_gives() throws Exception {
        CodeFixture.body(fx.messages(cookie));
        long reset = CodeFixture.T0.getEpochSecond() + 3600 * 2;
        fx.api.enqueue(r -> FakeAnthropicApi.error(429, "rate_limit_error", "slow down")
                .header("anthropic-ratelimit-unified-reset", Long.toString(reset)));

        Opened opened = fx.messages(cookie);

        assertThat(opened)
                .isInstanceOfSatisfying(
                        Opened.Failed.class,
                        failed -> assertThat(failed.outcome())
                                .isEqualTo(new Outcome.RateLimited(java.time.Instant.ofEpochSecond(reset))));
    }

    @Test
    void a_tool_request_gets_a_streamed_tool_use_block_from_the_fake() throws Exception {
        String body = "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":64,\"stream\":true,"
                + "\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\","
                + "\"properties\":{\"city\":{\"type\":\"string\"}}}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"call get_weather please\"}]}";

        String stream = CodeFixture.body(
                fx.backend.messages(fx.current(cookie), body.getBytes(StandardCharsets.UTF_8), List.of(), true));

        assertThat(stream)
                .contains("\"type\":\"tool_use\"")
                .contains("\"name\":\"get_weather\"")
                .contains("input_json_delta")
                .contains("\"stop_reason\":\"tool_use\"");
    }

    @Test
    void a_successful_count_tokens_marks_the_cookie_allowed() throws Exception {
        Opened opened = fx.backend.countTokens(fx.current(cookie), CodeFixture.request("count me", false), List.of());

        assertThat(CodeFixture.body(opened)).contains("input_tokens");
        assertThat(fx.current(cookie).countTokensAllowed()).contains(true);
        Recorded call = fx.server.received("/v1/messages/count_tokens").getFirst();
        assertThat(call.header("anthropic-beta")).isEqualTo("oauth-2025-04-20");
        assertThat(call.header("accept")).isEqualTo("application/json");
    }

    @Test
    void a_plain_403_from_count_tokens_marks_the_cookie_not_allowed_without_retiring_it() throws Exception {
        fx.oauth.countTokensAnswers(account, 403);

        Opened opened = fx.backend.countTokens(fx.current(cookie), CodeFixture.request("count me", false), List.of());

        assertThat(opened).isInstanceOfSatisfying(Opened.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo(new Outcome.Success());
            assertThat(failed.error().status()).isEqualTo(403);
        });
        assertThat(fx.current(cookie).countTokensAllowed()).isEqualTo(Optional.of(false));
    }

    @Test
    void a_404_from_count_tokens_marks_the_cookie_not_allowed() throws Exception {
        fx.backend.countTokens(fx.current(cookie), CodeFixture.request("count me", false), List.of());
        fx.oauth.countTokensAnswers(account, 404);

        Opened opened = fx.backend.countTokens(fx.current(cookie), CodeFixture.request("count me", false), List.of());

        assertThat(opened).isInstanceOf(Opened.Failed.class);
        assertThat(fx.current(cookie).countTokensAllowed()).contains(false);
    }

    @Test
    void the_usage_listing_comes_from_the_oauth_usage_api() throws Exception {
        var usage = fx.backend.usage(fx.current(cookie)).orElseThrow();

        assertThat(usage.session().percent()).isEqualTo(13);
        assertThat(usage.sevenDay().resetsAt()).isNotNull();
        Recorded call = fx.server.received("/api/oauth/usage").getFirst();
        assertThat(call.header("accept")).isEqualTo("application/json, text/plain, */*");
        assertThat(call.header("anthropic-beta")).isEqualTo("oauth-2025-04-20");
    }
}
