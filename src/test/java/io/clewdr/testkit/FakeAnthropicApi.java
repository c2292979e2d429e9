package io.clewdr.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A faithful fake of the Anthropic Messages API (protocols.md §1): {@code POST /v1/messages} in JSON
 * and SSE with the documented event sequence, {@code POST /v1/messages/count_tokens}, the documented
 * error bodies. By default it echoes the last user text, so tests can check what reached it; tests
 * queue scripted replies for the next calls (rate limits, overloads, cut streams).
 */
public final class FakeAnthropicApi {
    private static final JsonMapper JSON = JsonMapper.shared();

    private final FakeUpstream server;
    private final Set<String> acceptedKeys = new CopyOnWriteArraySet<>();
    private final Deque<Function<Recorded, Reply>> queued = new ArrayDeque<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile @Nullable Function<Recorded, @Nullable Reply> authenticator;

    private FakeAnthropicApi(FakeUpstream server) {
        this.server = server;
    }

    /**
     * Serves the Messages API on an existing fake server (the same host may serve the Claude.ai web
     * paths and the OAuth authorize call, as the real one does); it accepts every key until {@link
     * #acceptKey} is called.
     *
     * @param server the fake server
     * @return the fake API
     */
    public static FakeAnthropicApi attach(FakeUpstream server) {
        FakeAnthropicApi api = new FakeAnthropicApi(server);
        server.on("POST", "/v1/messages", api::messages);
        server.on("POST", "/v1/messages/count_tokens", api::countTokens);
        return api;
    }

    /** @return the server this API is served on */
    public FakeUpstream server() {
        return server;
    }

    /**
     * Restricts the keys (x-api-key or Bearer token) the fake accepts.
     *
     * @param key an accepted key
     */
    public void acceptKey(String key) {
        acceptedKeys.add(key);
    }

    /**
     * Scripts the reply to the next Messages call; calls after the queue is empty echo again.
     *
     * @param responder the reply
     */
    public void enqueue(Function<Recorded, Reply> responder) {
        synchronized (queued) {
            queued.addLast(responder);
        }
    }

    /**
     * Replaces the key check with another one (the OAuth fake checks Bearer tokens it issued); the
     * check answers null to let the call through, or the reply to send instead.
     *
     * @param check the check, for Messages and count_tokens calls
     */
    public void authenticateWith(Function<Recorded, @Nullable Reply> check) {
        authenticator = check;
    }

    private @Nullable Reply authFailure(Recorded request) {
        Function<Recorded, @Nullable Reply> check = authenticator;
        if (check != null) {
            return check.apply(request);
        }
        if (acceptedKeys.isEmpty()) {
            return null;
        }
        String key = request.header("x-api-key");
        String auth = request.header("authorization");
        if (key == null && auth != null && auth.startsWith("Bearer ")) {
            key = auth.substring(7);
        }
        if (key != null && acceptedKeys.contains(key)) {
            return null;
        }
        return error(401, "authentication_error", "invalid x-api-key");
    }

    private Reply messages(Recorded request) {
        Reply denied = authFailure(request);
        if (denied != null) {
            return denied;
        }
        Function<Recorded, Reply> scripted;
        synchronized (queued) {
            scripted = queued.pollFirst();
        }
        if (scripted != null) {
            return scripted.apply(request);
        }
        JsonNode body = request.json();
        String model = body.path("model").asString("claude-test");
        JsonNode tool = FakeToolCall.chosenTool(body);
        if (tool != null) {
            String id = "toolu_fake" + ids.incrementAndGet();
            if (body.path("stream").asBoolean(false)) {
                return FakeToolCall.stream(message(model, "", "tool_use", inputTokens(body), 1), id, tool);
            }
            return Reply.json(
                    200, FakeToolCall.message(message(model, "", "tool_use", inputTokens(body), 12), id, tool));
        }
        String text = "echo: " + lastUserText(body);
        if (body.path("stream").asBoolean(false)) {
            return textStream(model, text, 5);
        }
        return Reply.json(200, message(model, text, "end_turn", inputTokens(body), text.length() / 4 + 1));
    }

    private Reply countTokens(Recorded request) {
        Reply denied = authFailure(request);
        if (denied != null) {
            return denied;
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("input_tokens", inputTokens(request.json()));
        return Reply.json(200, answer);
    }

    /**
     * A complete message with one text block.
     *
     * @param model the model
     * @param text the text
     * @param stopReason the stop reason
     * @param inputTokens input usage
     * @param outputTokens output usage
     * @return the message JSON
     */
    public ObjectNode message(String model, String text, String stopReason, int inputTokens, int outputTokens) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", "msg_fake" + ids.incrementAndGet());
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        ArrayNode content = message.putArray("content");
        content.addObject().put("type", "text").put("text", text);
        message.put("stop_reason", stopReason);
        message.putNull("stop_sequence");
        ObjectNode usage = message.putObject("usage");
        usage.put("input_tokens", inputTokens);
        usage.put("output_tokens", outputTokens);
        return message;
    }

    /**
     * The canonical stream of one text block (protocols.md §1.4), the text split into pieces.
     *
     * @param model the model
     * @param text the text
     * @param pieces into how many deltas
     * @return the reply
     */
    public Reply textStream(String model, String text, int pieces) {
        Reply reply = Reply.sse();
        ObjectNode start = JSON.createObjectNode();
        start.put("type", "message_start");
        ObjectNode message = message(model, "", "end_turn", 10, 1);
        message.putArray("content");
        message.putNull("stop_reason");
        start.set("message", message);
        reply.event("message_start", JSON.writeValueAsString(start));
        reply.event("ping", "{\"type\":\"ping\"}");
        reply.event(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        int step = Math.max(1, (text.length() + pieces - 1) / pieces);
        for (int i = 0; i < text.length(); i += step) {
            ObjectNode delta = JSON.createObjectNode();
            delta.put("type", "content_block_delta");
            delta.put("index", 0);
            delta.putObject("delta")
                    .put("type", "text_delta")
                    .put("text", text.substring(i, Math.min(text.length(), i + step)));
            reply.event("content_block_delta", JSON.writeValueAsString(delta));
        }
        reply.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        reply.event(
                "message_delta",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                        + "\"usage\":{\"output_tokens\":" + (text.length() / 4 + 1) + "}}");
        reply.event("message_stop", "{\"type\":\"message_stop\"}");
        return reply;
    }

    /**
     * An error answer in the API's shape.
     *
     * @param status the status
     * @param type the error type
     * @param message the message
     * @return the reply
     */
    public static Reply error(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return Reply.json(status, body);
    }

    private static int inputTokens(JsonNode body) {
        return Math.max(1, JSON.writeValueAsString(body.path("messages")).length() / 4);
    }

    /**
     * The text of the last user message (a string, or its text blocks joined).
     *
     * @param body the request
     * @return the text
     */
    public static String lastUserText(JsonNode body) {
        JsonNode messages = body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asString())) {
                JsonNode content = m.path("content");
                if (content.isString()) {
                    return content.asString();
                }
                StringBuilder text = new StringBuilder();
                for (JsonNode block : content) {
                    if ("text".equals(block.path("type").asString())) {
                        text.append(block.path("text").asString());
                    }
                }
                return text.toString();
            }
        }
        return "";
    }
}
