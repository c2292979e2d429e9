package io.clewdr.relay;

import io.clewdr.translate.TokenEstimator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a Claude.ai web stream look like the Messages API (better than the original, §18 items 17,
 * 24): {@code model} is the requested model, {@code message_start} carries input usage, every
 * {@code message_delta} carries cumulative output usage (estimated from the text when the site
 * sends none) and a {@code stop_reason}; other fields pass untouched.
 */
final class WebPatchStage implements EventStage {
    private final String model;
    private final long estimatedInput;
    private final StringBuilder text = new StringBuilder();

    WebPatchStage(String model, long estimatedInput) {
        this.model = model;
        this.estimatedInput = estimatedInput;
    }

    @Override
    public List<Event> onEvent(Event event) {
        if (!(event.data() instanceof ObjectNode data)) {
            return List.of(event);
        }
        switch (event.name()) {
            case "message_start" -> {
                ObjectNode copy = data.deepCopy();
                ObjectNode message =
                        copy.path("message").isObject() ? (ObjectNode) copy.get("message") : copy.putObject("message");
                message.put("model", model);
                if (!message.path("usage").isObject()) {
                    ObjectNode usage = message.putObject("usage");
                    usage.put("input_tokens", estimatedInput);
                    usage.put("output_tokens", 1);
                }
                return List.of(Event.of(event.name(), copy));
            }
            case "content_block_delta" -> {
                JsonNode delta = data.path("delta");
                text.append(delta.path("text").asString(""))
                        .append(delta.path("thinking").asString(""));
                return List.of(event);
            }
            case "message_delta" -> {
                ObjectNode copy = data.deepCopy();
                if (!copy.path("usage").isObject()) {
                    ObjectNode usage = copy.putObject("usage");
                    usage.put("input_tokens", estimatedInput);
                    usage.put("output_tokens", text.isEmpty() ? 0 : TokenEstimator.output(text.toString()));
                }
                ObjectNode delta =
                        copy.path("delta").isObject() ? (ObjectNode) copy.get("delta") : copy.putObject("delta");
                if (delta.path("stop_reason").isNull()
                        || delta.path("stop_reason").isMissingNode()) {
                    delta.put("stop_reason", "end_turn");
                }
                return List.of(Event.of(event.name(), copy));
            }
            default -> {
                return List.of(event);
            }
        }
    }
}
