package io.clewdr.relay;

import io.clewdr.sse.SseDecoder;
import io.clewdr.sse.SseEvent;
import io.clewdr.translate.AnthropicMessageAccumulator;
import io.clewdr.upstream.BodySubscriber;
import io.clewdr.upstream.UpstreamResponse;
import io.netty.buffer.ByteBuf;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a whole upstream event stream into one Anthropic message, for clients that did not ask to
 * stream. Understands both Claude.ai renderings: Anthropic-style events ({@code messages}) and the
 * legacy {@code completion} text pieces ({@code raw}). Nothing reaches the client until the stream
 * is complete, so any failure, even a late one, leaves the attempt free to be retried.
 */
final class MessageCollector implements BodySubscriber {
    private static final JsonMapper JSON = JsonMapper.shared();

    /** What the collection produced. */
    sealed interface Collected {
        /** The complete message. */
        record Message(ObjectNode message) implements Collected {}

        /** An {@code error} event arrived. */
        record ErrorEvent(JsonNode data) implements Collected {}

        /** The body failed or ended early. */
        record Broken(String why) implements Collected {}
    }

    private final UpstreamResponse upstream;
    private final String model;
    private final AnthropicMessageAccumulator accumulator = AnthropicMessageAccumulator.create();
    private final StringBuilder completion = new StringBuilder();
    private final SseDecoder decoder = SseDecoder.create(this::onSse);
    private final CompletableFuture<Collected> result = new CompletableFuture<>();
    private boolean sawCompletion;
    private boolean sawMessageStart;

    MessageCollector(UpstreamResponse upstream, String model) {
        this.upstream = upstream;
        this.model = model;
    }

    CompletableFuture<Collected> collect() {
        upstream.body(this);
        return result;
    }

    @Override
    public void onChunk(ByteBuf chunk) {
        try {
            if (!result.isDone()) {
                decoder.feed(chunk);
            }
        } catch (RuntimeException e) {
            result.complete(new Collected.Broken("the upstream stream was malformed: " + e.getMessage()));
            upstream.cancel();
        } finally {
            chunk.release();
        }
    }

    @Override
    public void onComplete() {
        decoder.end();
        if (result.isDone()) {
            return;
        }
        if (sawMessageStart && accumulator.complete()) {
            ObjectNode message = accumulator.message();
            message.put("model", model);
            result.complete(new Collected.Message(message));
        } else if (sawCompletion && !sawMessageStart) {
            result.complete(new Collected.Message(fromCompletion()));
        } else {
            result.complete(new Collected.Broken("the upstream stream ended before the message was complete"));
        }
    }

    @Override
    public void onError(Throwable error) {
        result.complete(new Collected.Broken("the upstream stream failed: " + error.getMessage()));
    }

    private void onSse(SseEvent sse) {
        if (result.isDone()) {
            return;
        }
        JsonNode data;
        try {
            data = JSON.readTree(sse.data().isEmpty() ? "{}" : sse.data());
        } catch (JacksonException e) {
            return;
        }
        String name = data.path("type").asString(sse.event() == null ? "" : sse.event());
        if (name.equals("error")) {
            result.complete(new Collected.ErrorEvent(data));
            upstream.cancel();
            return;
        }
        if (data.path("completion").isString()) {
            sawCompletion = true;
            completion.append(data.path("completion").asString());
            return;
        }
        if (name.equals("message_start")) {
            sawMessageStart = true;
        }
        accumulator.onEvent(name, data);
    }

    private ObjectNode fromCompletion() {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", "msg_" + UUID.randomUUID().toString().replace("-", ""));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putArray("content").addObject().put("type", "text").put("text", completion.toString());
        // The legacy rendering ends every answer with stop_reason "stop_sequence" (the site's own turn
        // marker), which says nothing about the client's stop sequences: those are enforced locally.
        message.put("stop_reason", "end_turn");
        message.putNull("stop_sequence");
        return message;
    }
}
