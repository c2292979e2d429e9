package io.clewdr.relay;

import io.clewdr.translate.TokenEstimator;
import java.util.function.LongSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts the tokens of one exchange from the events the client received, on every path, streams
 * included (the original counted 0 output tokens for web streams, §18 item 17): the upstream's
 * {@code usage} when it reports one, otherwise a local estimate of the text. The input estimate is
 * asked for only when the upstream reported no input count: tokenizing a long prompt costs more
 * than the rest of a pass-through request.
 */
final class UsageMeter {
    private static final JsonMapper JSON = JsonMapper.shared();
    private final LongSupplier estimatedInput;
    private long reportedInput = -1;
    private long reportedOutput = -1;
    private final StringBuilder text = new StringBuilder();

    UsageMeter(LongSupplier estimatedInput) {
        this.estimatedInput = estimatedInput;
    }

    UsageMeter(long estimatedInput) {
        this(() -> estimatedInput);
    }

    void observe(Event event) {
        JsonNode data = event.data();
        if (data == null) {
            return; // a delta relayed unread, observed from its bytes already (observeDelta)
        }
        switch (event.name()) {
            case "message_start" -> {
                JsonNode usage = data.path("message").path("usage");
                if (usage.path("input_tokens").isNumber()) {
                    reportedInput = usage.path("input_tokens").asLong();
                }
            }
            case "message_delta" -> {
                JsonNode usage = data.path("usage");
                if (usage.path("output_tokens").isNumber()) {
                    reportedOutput =
                            Math.max(reportedOutput, usage.path("output_tokens").asLong());
                }
                if (usage.path("input_tokens").isNumber()
                        && usage.path("input_tokens").asLong() > 0) {
                    reportedInput = usage.path("input_tokens").asLong();
                }
            }
            case "content_block_delta" -> {
                JsonNode delta = data.path("delta");
                text.append(delta.path("text").asString(""));
                text.append(delta.path("thinking").asString(""));
                text.append(delta.path("partial_json").asString(""));
            }
            default -> {}
        }
    }

    /**
     * Takes the text of a {@code content_block_delta} event from its data without building its
     * tree, as {@link #observe} takes it from the tree: the delta's {@code text}, {@code thinking}
     * and {@code partial_json}.
     *
     * @param json the event's data
     * @return whether the data is one JSON value; if not, nothing was taken
     */
    boolean observeDelta(String json) {
        int mark = text.length();
        try (JsonParser parser = JSON.createParser(json.isEmpty() ? "{}" : json)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    if (parser.nextToken() == JsonToken.START_OBJECT && name.equals("delta")) {
                        readDeltaText(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value");
            }
            return true;
        } catch (JacksonException | IllegalArgumentException e) {
            text.setLength(mark);
            return false;
        }
    }

    private void readDeltaText(JsonParser parser) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING
                    && (name.equals("text") || name.equals("thinking") || name.equals("partial_json"))) {
                text.append(parser.getString());
            } else {
                parser.skipChildren();
            }
        }
    }

    void observeMessage(JsonNode message) {
        JsonNode usage = message.path("usage");
        if (usage.path("input_tokens").isNumber()) {
            reportedInput = usage.path("input_tokens").asLong();
        }
        if (usage.path("output_tokens").isNumber()) {
            reportedOutput = usage.path("output_tokens").asLong();
        }
        if (reportedOutput < 0) {
            for (JsonNode block : message.path("content")) {
                text.append(block.path("text").asString(""));
                text.append(block.path("thinking").asString(""));
            }
        }
    }

    /**
     * Reads the {@code usage} of a whole Messages answer straight from its bytes, without building
     * its tree: a pass-through answer is relayed as the upstream's bytes, so its content is never
     * needed here unless the upstream reported no output count.
     *
     * @param json the answer's bytes
     * @return whether the answer reported an output count; if not, the caller should
     *     {@link #observeMessage observe} the parsed answer, whose text is then estimated
     */
    boolean observeUsage(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                if (parser.nextToken() == JsonToken.START_OBJECT && name.equals("usage")) {
                    readUsage(parser);
                    break;
                }
                parser.skipChildren();
            }
        } catch (JacksonException e) {
            return false;
        }
        return reportedOutput >= 0;
    }

    private void readUsage(JsonParser parser) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value.isNumeric() && name.equals("input_tokens")) {
                reportedInput = parser.getValueAsLong();
            } else if (value.isNumeric() && name.equals("output_tokens")) {
                reportedOutput = parser.getValueAsLong();
            } else {
                parser.skipChildren();
            }
        }
    }

    long input() {
        return reportedInput > 0 ? reportedInput : estimatedInput.getAsLong();
    }

    long output() {
        return reportedOutput > 0 ? reportedOutput : text.isEmpty() ? 0 : TokenEstimator.output(text.toString());
    }
}
