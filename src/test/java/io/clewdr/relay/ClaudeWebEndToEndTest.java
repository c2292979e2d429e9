package io.clewdr.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.ImageBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.clewdr.credential.ClewdrCookie;
import io.clewdr.testkit.FakeClaudeAccounts;
import io.clewdr.testkit.FakeClaudeWeb;
import io.clewdr.testkit.FakeUpstream;
import io.clewdr.testkit.OpenAiSchema;
import io.clewdr.testkit.ServerHarness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Claude.ai web backend end to end: the official Anthropic and OpenAI SDKs against the real
 * server, the real provider and a faithful fake of the Claude.ai web API on loopback.
 */
class ClaudeWebEndToEndTest {
    private static final JsonMapper JSON = JsonMapper.shared();
    static final String A = "sk-ant-sid01-" + "a".repeat(86) + "-aaaaaaAA";
    static final String B = "sk-ant-sid01-" + "b".repeat(86) + "-bbbbbbAA";
    private static final String MODEL = "claude-sonnet-4-6";
    private static final String PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private FakeUpstream fake;
    private FakeClaudeAccounts accounts;
    private FakeClaudeWeb web;
    private ServerHarness server;

    @BeforeEach
    void start() {
        fake = new FakeUpstream();
        accounts = FakeClaudeAccounts.attach(fake);
        web = FakeClaudeWeb.attach(fake, accounts);
        accounts.account(A);
        accounts.account(B);
        server = startWith(A, B);
    }

    private ServerHarness startWith(String... cookies) {
        StringBuilder toml =
                new StringBuilder("max_retries = 3\n[upstream]\nclaude_base = \"" + fake.baseUri() + "\"\n");
        for (String cookie : cookies) {
            toml.append("\n[[cookie_array]]\ncookie = \"").append(cookie).append("\"\n");
        }
        return ServerHarness.start(toml.toString());
    }

    @AfterEach
    void stop() {
        server.close();
        fake.close();
    }

    private AnthropicClient anthropic() {
        return AnthropicOkHttpClient.builder()
                .baseUrl(server.base().toString())
                .apiKey(ServerHarness.API_PASSWORD)
                .maxRetries(0)
                .build();
    }

    private OpenAIClient openai() {
        return OpenAIOkHttpClient.builder()
                .baseUrl(server.base() + "/v1")
                .apiKey(ServerHarness.API_PASSWORD)
                .maxRetries(0)
                .build();
    }

    private static MessageCreateParams.Builder params(String text) {
        return MessageCreateParams.builder().model(MODEL).maxTokens(512).addUserMessage(text);
    }

    private static String text(Message message) {
        StringBuilder out = new StringBuilder();
        message.content().forEach(block -> block.text().ifPresent(t -> out.append(t.text())));
        return out.toString();
    }

    private Message streamed(MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                anthropic().messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    @Test
    void the_anthropic_sdk_gets_a_complete_message() {
        Message message = anthropic().messages().create(params("hello there").build());

        assertThat(text(message)).contains("echo: hello there");
        assertThat(message.model().asString()).isEqualTo(MODEL);
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isPositive();
        assertThat(message.usage().outputTokens()).isPositive();
        JsonNode completion = web.completions().getLast();
        assertThat(completion.path("rendering_mode").asString()).isEqualTo("raw");
        assertThat(FakeClaudeWeb.paste(completion)).contains("hello there");
    }

    @Test
    void the_anthropic_sdk_streams_with_the_requested_model_and_usage() {
        Message message = streamed(params("stream me").build());

        assertThat(text(message)).contains("echo: stream me");
        assertThat(message.model().asString()).isEqualTo(MODEL);
        assertThat(message.stopReason()).isPresent();
        assertThat(message.usage().outputTokens()).isPositive();
        assertThat(web.completions().getLast().path("rendering_mode").asString())
                .isEqualTo("messages");
        // Counted once the stream has ended, which may be just after the client read its end.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(server.app().pool().snapshot().cookies().stream()
                                .mapToLong(c -> c.lifetimeUsage().sonnetOutputTokens())
                                .sum())
                        .as("usage counted for streams")
                        .isPositive());
    }

    @Test
    void stop_sequences_cut_the_text_as_the_api_does_streaming_and_not() {
        web.script(A).replyText = "one two STOP three";
        web.script(B).replyText = "one two STOP three";

        Message whole = anthropic()
                .messages()
                .create(params("x").addStopSequence("STOP").build());
        Message stream = streamed(params("x").addStopSequence("STOP").build());

        for (Message message : List.of(whole, stream)) {
            assertThat(text(message)).isEqualTo("one two ");
            assertThat(message.stopReason()).contains(StopReason.STOP_SEQUENCE);
            assertThat(message.stopSequence()).contains("STOP");
        }
    }

    @Test
    void an_image_is_uploaded_and_attached() {
        MessageCreateParams params = MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(100)
                .addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofImage(ImageBlockParam.builder()
                                .source(Base64ImageSource.builder()
                                        .mediaType(Base64ImageSource.MediaType.IMAGE_PNG)
                                        .data(PNG)
                                        .build())
                                .build()),
                        ContentBlockParam.ofText(
                                TextBlockParam.builder().text("what is this").build())))
                .build();

        Message message = anthropic().messages().create(params);

        assertThat(text(message)).contains("what is this");
        assertThat(web.uploads())
                .singleElement()
                .satisfies(u -> assertThat(u.fileName()).isEqualTo("image.png"));
        assertThat(web.completions().getLast().path("files").size()).isEqualTo(1);
    }

    @Test
    void thinking_turns_on_extended_mode_and_reaches_the_client() {
        Message message =
                streamed(params("think").maxTokens(4096).enabledThinking(1024).build());

        assertThat(web.conversations().values()).anyMatch(FakeClaudeWeb.Conversation::extended);
        assertThat(message.content()).anyMatch(block -> block.isThinking());
    }

    @Test
    void the_openai_sdk_gets_a_conformant_completion() {
        ChatCompletion completion = openai().chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addSystemMessage("be brief")
                        .addUserMessage("hi from openai")
                        .build());

        assertThat(completion.choices().getFirst().message().content())
                .hasValueSatisfying(t -> assertThat(t).contains("echo: hi from openai"));
        assertThat(completion.model()).isEqualTo(MODEL);
        assertThat(completion.usage()).isPresent();
        assertThat(FakeClaudeWeb.paste(web.completions().getLast())).startsWith("be brief");
    }

    @Test
    void the_openai_sdk_streams_content_finish_and_usage() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = openai().chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addUserMessage("count")
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build())) {
            stream.stream().forEach(chunks::add);
        }

        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        assertThat(text.toString()).contains("echo: count");
        assertThat(chunks.stream().map(ChatCompletionChunk::id).distinct()).hasSize(1);
        assertThat(chunks.stream()
                        .flatMap(c -> c.choices().stream())
                        .filter(ch -> ch.finishReason().isPresent()))
                .hasSize(1);
        assertThat(chunks.getLast().usage()).isPresent();
    }

    @Test
    void every_openai_chunk_and_body_validates_against_the_openapi_schema() {
        HttpResponse<String> stream = server.send(server.request("/v1/chat/completions")
                .header("Authorization", "Bearer " + ServerHarness.API_PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL
                        + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"schema\"}]}")));
        List<String> data = stream.body()
                .lines()
                .filter(l -> l.startsWith("data: "))
                .map(l -> l.substring(6))
                .toList();
        assertThat(data.getLast()).isEqualTo("[DONE]");
        for (String chunk : data.subList(0, data.size() - 1)) {
            assertThat(OpenAiSchema.violations(OpenAiSchema.CHAT_COMPLETION_CHUNK, chunk))
                    .as(chunk)
                    .isEmpty();
        }
        HttpResponse<String> whole = server.send(server.request("/v1/chat/completions")
                .header("Authorization", "Bearer " + ServerHarness.API_PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"schema\"}]}")));
        assertThat(OpenAiSchema.violations(OpenAiSchema.CHAT_COMPLETION, whole.body()))
                .isEmpty();
        HttpResponse<String> bad = server.send(server.request("/v1/chat/completions")
                .header("Authorization", "Bearer " + ServerHarness.API_PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"" + MODEL + "\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(OpenAiSchema.violations(OpenAiSchema.ERROR, bad.body())).isEmpty();
        assertThat(JSON.readTree(bad.body()).path("error").path("param").asString())
                .isEqualTo("n");
    }

    @Test
    void a_rate_limited_cookie_is_parked_and_the_request_served_by_the_next_and_this_survives_a_restart() {
        long resetsAt = Instant.now().plusSeconds(7200).getEpochSecond();
        web.script(A).completion = r -> FakeClaudeWeb.rateLimited(resetsAt);
        web.script(B).completion = r -> FakeClaudeWeb.rateLimited(resetsAt);
        web.script(B).completion = null;

        for (int i = 0; i < 2; i++) {
            assertThat(text(anthropic().messages().create(params("rotate").build())))
                    .contains("echo: rotate");
        }

        assertThat(server.app().pool().counts().exhausted()).isEqualTo(1);
        assertThat(server.app().pool().status().exhausted().getFirst().resetTime())
                .contains(Instant.ofEpochSecond(resetsAt));
        server.restart();
        assertThat(server.app().pool().counts().exhausted()).isEqualTo(1);
    }

    @Test
    void retired_cookies_keep_their_reason() {
        web.script(A).completion = r -> FakeClaudeWeb.unauthorized();
        accounts.account(B).flag("banned", Instant.now().plusSeconds(86_400));

        HttpResponse<String> response = server.send(server.request("/v1/messages")
                .header("x-api-key", ServerHarness.API_PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL
                        + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asString())
                .contains("No cookie available")
                .contains("2 invalid");
        // What the pool learns from upstreams is saved by its background writer, shortly after.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(server.configText())
                        .contains("reason = \"Null\"")
                        .contains("reason = \"Banned\""));
    }

    @Test
    void no_usable_cookie_is_a_503_with_retry_after() {
        long resetsAt = Instant.now().plusSeconds(30).getEpochSecond();
        web.script(A).completion = r -> FakeClaudeWeb.rateLimited(resetsAt);
        web.script(B).completion = r -> FakeClaudeWeb.rateLimited(resetsAt);

        HttpResponse<String> response = server.send(server.request("/v1/messages")
                .header("x-api-key", ServerHarness.API_PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL
                        + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 31L));
    }

    @Test
    void an_overloaded_first_event_moves_to_another_cookie() {
        web.script(A).overloadedFirst = true;
        web.script(B).overloadedFirst = true;
        web.script(B).overloadedFirst = false;

        for (int i = 0; i < 2; i++) {
            assertThat(text(streamed(params("again").build()))).contains("echo: again");
        }
        assertThat(server.app().pool().counts().valid())
                .as("an overload retires nothing")
                .isEqualTo(2);
    }

    @Test
    void a_blocked_upstream_says_to_check_the_ip() {
        accounts.account(A).override = r -> FakeClaudeWeb.blocked();
        accounts.account(B).override = r -> FakeClaudeWeb.blocked();

        assertThatThrownBy(() -> anthropic().messages().create(params("x").build()))
                .hasMessageContaining("check your IP address or proxy");
    }

    @Test
    void a_cut_stream_ends_with_an_error_event_in_both_protocols() {
        web.script(A).cutAfter = 1;
        web.script(B).cutAfter = 1;
        web.script(A).replyText = "a long answer that will be cut somewhere in the middle";
        web.script(B).replyText = "a long answer that will be cut somewhere in the middle";

        HttpResponse<String> anthropicStream = server.send(
                server.request("/v1/messages")
                        .header("x-api-key", ServerHarness.API_PASSWORD)
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"model\":\"" + MODEL
                                                + "\",\"stream\":true,\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")));
        HttpResponse<String> openAiStream = server.send(server.request("/v1/chat/completions")
                .header("Authorization", "Bearer " + ServerHarness.API_PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL
                        + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")));

        assertThat(anthropicStream.body()).contains("event: error").doesNotContain("event: message_stop");
        assertThat(openAiStream.body()).contains("data: {\"error\"");
        assertThat(openAiStream.body()).doesNotContain("\"finish_reason\":\"stop\"");
    }

    @Test
    void the_connection_test_message_is_answered_locally() {
        int before = web.completions().size();

        Message message = anthropic().messages().create(params("Hi").build());

        assertThat(text(message)).isEqualTo("Claude Reverse Proxy is working, please send a real message.");
        assertThat(web.completions()).hasSize(before);
    }

    @Test
    void a_free_account_is_retired_only_with_skip_non_pro() {
        accounts.account(A).free();
        accounts.account(B).free();
        assertThat(text(anthropic().messages().create(params("free ok").build())))
                .contains("free ok");
        server.adminPost("/api/config", "{\"skip_non_pro\": true}");

        assertThatThrownBy(() ->
                        anthropic().messages().create(params("now refused").build()))
                .hasMessageContaining("No cookie available");
        assertThat(server.app().pool().status().invalid())
                .extracting(r -> r.cookie())
                .containsExactlyInAnyOrder(ClewdrCookie.from(A), ClewdrCookie.from(B));
    }

    @Test
    void a_request_with_nothing_to_send_is_a_400() {
        HttpResponse<String> response = server.send(server.request("/v1/messages")
                .header("x-api-key", ServerHarness.API_PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL
                        + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"   \"}]}")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asString())
                .contains("Request body is empty");
    }
}
