package io.clewdr.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import io.clewdr.credential.UsageBreakdown;
import io.clewdr.testkit.FakeAnthropicApi;
import io.clewdr.testkit.FakeAnthropicOAuth;
import io.clewdr.testkit.FakeClaudeAccounts;
import io.clewdr.testkit.FakeUpstream;
import io.clewdr.testkit.Recorded;
import io.clewdr.testkit.Reply;
import io.clewdr.testkit.ServerHarness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Claude Code backend end to end: the official SDKs against {@code /code/v1}, the real provider
 * minting OAuth tokens from a cookie, and faithful fakes of the OAuth and Messages APIs.
 */
class ClaudeCodeEndToEndTest {
    private static final JsonMapper JSON = JsonMapper.shared();
    static final String A = "sk-ant-sid01-" + "d".repeat(86) + "-ddddddAA";
    private static final String MODEL = "claude-sonnet-4-6";

    private FakeUpstream fake;
    private FakeAnthropicOAuth oauth;
    private FakeAnthropicApi api;
    private ServerHarness server;

    @BeforeEach
    void start() {
        fake = new FakeUpstream();
        FakeClaudeAccounts accounts = FakeClaudeAccounts.attach(fake);
        api = FakeAnthropicApi.attach(fake);
        oauth = FakeAnthropicOAuth.attach(accounts, api, Clock.systemUTC());
        accounts.account(A);
        var up = oauth.upstream();
        server = ServerHarness.start("[upstream]\nclaude_base = \"" + up.claudeBase() + "\"\noauth_token_url = \""
                + up.oauthTokenUrl() + "\"\noauth_usage_url = \"" + up.oauthUsageUrl() + "\"\n\n[[cookie_array]]\n"
                + "cookie = \"" + A + "\"\n");
    }

    @AfterEach
    void stop() {
        server.close();
        fake.close();
    }

    private AnthropicClient anthropic() {
        return AnthropicOkHttpClient.builder()
                .baseUrl(server.base() + "/code")
                .apiKey(ServerHarness.API_PASSWORD)
                .maxRetries(0)
                .build();
    }

    private OpenAIClient openai() {
        return OpenAIOkHttpClient.builder()
                .baseUrl(server.base() + "/code/v1")
                .apiKey(ServerHarness.API_PASSWORD)
                .maxRetries(0)
                .build();
    }

    private static Tool weatherTool() {
        return Tool.builder()
                .name("get_weather")
                .description("Weather of a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(Tool.InputSchema.Properties.builder()
                                .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string")))
                                .build())
                        .build())
                .build();
    }

    /** What the one cookie has served so far. */
    private UsageBreakdown lifetimeUsage() {
        return server.app().pool().snapshot().cookies().getFirst().lifetimeUsage();
    }

    private List<Recorded> messagesCalls() {
        return fake.received("/v1/messages");
    }

    @Test
    void the_anthropic_sdk_gets_a_tool_call_and_the_cli_shaping_reaches_upstream() {
        Message message = anthropic()
                .messages()
                .create(MessageCreateParams.builder()
                        .model(MODEL)
                        .maxTokens(1024)
                        .addTool(weatherTool())
                        .addUserMessage("use get_weather for Paris")
                        .build());

        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock call = message.content().stream()
                .flatMap(b -> b.toolUse().stream())
                .findFirst()
                .orElseThrow();
        assertThat(call.name()).isEqualTo("get_weather");
        Recorded upstream = messagesCalls().getLast();
        assertThat(upstream.header("authorization")).startsWith("Bearer ");
        assertThat(upstream.header("anthropic-beta")).startsWith("oauth-2025-04-20");
        assertThat(upstream.json().path("system").path(0).path("text").asString())
                .startsWith("x-anthropic-billing-header: cc_version=");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(server.configText())
                        .contains("[cookie_array.token]")
                        .contains("access_token"));
    }

    @Test
    void the_anthropic_sdk_streams_a_tool_call_whose_input_assembles() {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic()
                .messages()
                .createStreaming(MessageCreateParams.builder()
                        .model(MODEL)
                        .maxTokens(1024)
                        .addTool(weatherTool())
                        .addUserMessage("call get_weather please")
                        .build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        ToolUseBlock call = accumulator.message().content().stream()
                .flatMap(b -> b.toolUse().stream())
                .findFirst()
                .orElseThrow();
        assertThat(call._input().toString()).contains("city");
    }

    @Test
    void text_streams_pass_through_and_one_token_serves_many_requests() {
        for (int i = 0; i < 3; i++) {
            MessageAccumulator accumulator = MessageAccumulator.create();
            try (StreamResponse<RawMessageStreamEvent> stream = anthropic()
                    .messages()
                    .createStreaming(MessageCreateParams.builder()
                            .model(MODEL)
                            .maxTokens(100)
                            .addUserMessage("plain " + i)
                            .build())) {
                stream.stream().forEach(accumulator::accumulate);
            }
            assertThat(accumulator
                            .message()
                            .content()
                            .getFirst()
                            .text()
                            .orElseThrow()
                            .text())
                    .isEqualTo("echo: plain " + i);
        }
        assertThat(oauth.codeGrants.get()).as("the token is cached").isEqualTo(1);
        // Counted once each stream has ended, which may be just after the client read its end.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(lifetimeUsage().totalOutputTokens()).isPositive());
    }

    @Test
    void an_unknown_request_field_and_the_client_betas_reach_the_upstream() {
        HttpResponse<String> response = server.send(server.request("/code/v1/messages")
                .header("x-api-key", ServerHarness.API_PASSWORD)
                .header("anthropic-beta", "interleaved-thinking-2025-05-14, oauth-2025-04-20")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL + "\",\"max_tokens\":50,"
                        + "\"brand_new_field\":{\"x\":1},\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-length"))
                .hasValue(Integer.toString(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        Recorded upstream = messagesCalls().getLast();
        assertThat(upstream.json().path("brand_new_field").path("x").asInt()).isEqualTo(1);
        assertThat(upstream.header("anthropic-beta")).isEqualTo("oauth-2025-04-20,interleaved-thinking-2025-05-14");
    }

    @Test
    void the_messages_reach_the_upstream_as_the_client_wrote_them_while_the_rest_is_shaped() {
        // Escapes, number forms and spacing a parse-and-rewrite would have normalised.
        String messages = "[ {\"role\":\"user\",\"content\":\"caf\\u00e9 costs 1.50\"},\n"
                + "  {\"role\":\"assistant\",\"content\":\"ok\"},\n"
                + "  {\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"again\",\"weight\":1.0e2}]} ]";
        HttpResponse<String> response = server.send(server.request("/code/v1/messages")
                .header("x-api-key", ServerHarness.API_PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"messages\":" + messages + ",\"model\":\"" + MODEL + "\",\"system\":\"Be brief.\"}")));

        assertThat(response.statusCode()).isEqualTo(200);
        Recorded upstream = messagesCalls().getLast();
        assertThat(upstream.bodyText()).contains("\"messages\":" + messages);
        JsonNode sent = upstream.json();
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(Bodies.DEFAULT_MAX_TOKENS);
        assertThat(sent.path("system").path(0).path("text").asString())
                .startsWith("x-anthropic-billing-header: cc_version=");
        assertThat(sent.path("system").path(1).path("text").asString()).isEqualTo("Be brief.");
    }

    @Test
    void the_connection_test_is_answered_locally_only_when_it_is_the_only_message() {
        HttpResponse<String> test = server.send(server.request("/code/v1/messages")
                .header("x-api-key", ServerHarness.API_PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL + "\",\"max_tokens\":5,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
        assertThat(test.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(test.body())
                        .path("content")
                        .path(0)
                        .path("text")
                        .asString())
                .isEqualTo(io.clewdr.translate.TestMessage.REPLY_TEXT);
        assertThat(messagesCalls()).isEmpty();

        HttpResponse<String> real = server.send(server.request("/code/v1/messages")
                .header("x-api-key", ServerHarness.API_PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL + "\",\"max_tokens\":5,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\","
                        + "\"content\":\"Hello\"},{\"role\":\"user\",\"content\":\"Hi\"}]}")));
        assertThat(real.statusCode()).isEqualTo(200);
        assertThat(messagesCalls()).hasSize(1);
    }

    @Test
    void a_whole_answer_reaches_the_client_byte_for_byte_with_the_rate_limit_headers_and_is_counted() {
        String upstreamJson =
                api.message(MODEL, "exactly these bytes", "end_turn", 31, 17).toString();
        api.enqueue(request -> Reply.json(200, upstreamJson)
                .header("anthropic-ratelimit-unified-status", "allowed")
                .header("x-internal-upstream", "not for clients"));

        HttpResponse<String> response = server.send(server.request("/code/v1/messages")
                .header("x-api-key", ServerHarness.API_PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL + "\",\"max_tokens\":50,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(upstreamJson);
        assertThat(response.headers().firstValue("anthropic-ratelimit-unified-status"))
                .hasValue("allowed");
        assertThat(response.headers().firstValue("x-internal-upstream")).isEmpty();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(lifetimeUsage()).satisfies(usage -> {
                    assertThat(usage.totalInputTokens()).isEqualTo(31);
                    assertThat(usage.totalOutputTokens()).isEqualTo(17);
                }));
    }

    @Test
    void an_upstream_answer_that_is_not_json_is_a_502_in_the_openai_clients_format() {
        api.enqueue(request -> Reply.text(200, "application/json", "<html>not json</html>"));

        HttpResponse<String> response = server.send(server.request("/code/v1/chat/completions")
                .header("authorization", "Bearer " + ServerHarness.API_PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"" + MODEL + "\"," + "\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}")));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asString())
                .contains("not JSON");
    }

    @Test
    void count_tokens_answers_from_upstream() {
        long tokens = anthropic()
                .messages()
                .countTokens(MessageCountTokensParams.builder()
                        .model(MODEL)
                        .addUserMessage("how many tokens is this")
                        .build())
                .inputTokens();

        assertThat(tokens).isPositive();
        assertThat(fake.received("/v1/messages/count_tokens")).hasSize(1);
    }

    @Test
    void the_openai_sdk_calls_functions_with_and_without_streaming() {
        ChatCompletionFunctionTool tool = ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name("get_weather")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", com.openai.core.JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties",
                                        com.openai.core.JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .build())
                        .build())
                .build();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addTool(tool)
                .addUserMessage("use get_weather for Rome")
                .build();

        ChatCompletion completion = openai().chat().completions().create(params);
        ChatCompletionMessageToolCall call = completion
                .choices()
                .getFirst()
                .message()
                .toolCalls()
                .orElseThrow()
                .getFirst();
        String whole = call.asFunction().function().arguments();

        StringBuilder streamed = new StringBuilder();
        String[] name = new String[1];
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream =
                openai().chat().completions().createStreaming(params)) {
            stream.stream()
                    .forEach(chunk -> chunk.choices()
                            .forEach(choice -> choice.delta()
                                    .toolCalls()
                                    .ifPresent(calls ->
                                            calls.forEach(c -> c.function().ifPresent(f -> {
                                                f.name().ifPresent(n -> name[0] = n);
                                                f.arguments().ifPresent(streamed::append);
                                            })))));
        }

        assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
        assertThat(completion.choices().getFirst().finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(name[0]).isEqualTo("get_weather");
        JsonNode a = JSON.readTree(whole);
        JsonNode b = JSON.readTree(streamed.toString());
        assertThat(b).isEqualTo(a);
        assertThat(a.path("city").asString()).isEqualTo("test");
    }

    @Test
    void the_cookie_listing_shows_the_quota_windows_and_never_the_token() {
        HttpResponse<String> response = server.adminGet("/api/cookies?refresh=true");

        JsonNode entry = JSON.readTree(response.body()).path("valid").path(0);
        assertThat(entry.path("cookie").asString()).isEqualTo(A);
        assertThat(entry.path("session_utilization").asDouble()).isBetween(12.0, 13.0);
        assertThat(entry.path("seven_day_utilization").asDouble()).isEqualTo(40);
        assertThat(entry.path("session_resets_at").asString()).endsWith("Z");
        assertThat(response.body()).doesNotContain("sk-ant-oat").doesNotContain("access_token");
    }
}
