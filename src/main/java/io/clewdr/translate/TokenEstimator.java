package io.clewdr.translate;

import tools.jackson.databind.JsonNode;

/**
 * Local token estimates with the {@code o200k_base} encoding (clewdr-behaviour.md §4.8), for usage
 * accounting when the upstream reports none. Anthropic's tokenizer is not public, so these are
 * approximations; they are never sent to a client as exact counts of anything but our own estimate.
 *
 * <p>The encoding tables load on first use, once per process.
 */
public final class TokenEstimator {

    private TokenEstimator() {}

    /**
     * Holder idiom: the rank table loads only when the first estimate is asked for, and stays (about
     * 4.3 MB of heap).
     */
    private static final class O200k {
        static final O200kCounter COUNTER = O200kCounter.load();
    }

    /** The number of o200k tokens in {@code text}; special-token markers count as ordinary text. */
    public static long count(String text) {
        return text.isEmpty() ? 0 : O200k.COUNTER.count(text);
    }

    /**
     * The input estimate of an Anthropic request: the system text (a string, or the {@code text} fields
     * of its entries concatenated) plus the message texts (each message's text blocks concatenated,
     * messages joined with a newline).
     */
    public static long input(JsonNode request) {
        return count(systemText(request.path("system"))) + count(messageTexts(request.path("messages")));
    }

    /** The output estimate of a generated text. */
    public static long output(String text) {
        return count(text);
    }

    /**
     * The output estimate of a complete Anthropic message: its text and thinking blocks and any base64
     * image data it carries.
     */
    public static long output(JsonNode message) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asString("")) {
                case "text" -> text.append(block.path("text").asString(""));
                case "thinking" -> text.append(block.path("thinking").asString(""));
                case "image" -> text.append(block.path("source").path("data").asString(""));
                default -> {
                    // other blocks carry no generated text worth estimating
                }
            }
        }
        return count(text.toString());
    }

    static String systemText(JsonNode system) {
        if (system.isString()) {
            return system.stringValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode entry : system) {
            JsonNode value = entry.path("text");
            if (value.isString()) {
                text.append(value.stringValue());
            }
        }
        return text.toString();
    }

    static String messageTexts(JsonNode messages) {
        StringBuilder text = new StringBuilder();
        boolean first = true;
        for (JsonNode message : messages) {
            if (!first) {
                text.append('\n');
            }
            first = false;
            JsonNode content = message.path("content");
            if (content.isString()) {
                text.append(content.stringValue());
                continue;
            }
            for (JsonNode block : content) {
                if ("text".equals(block.path("type").asString(""))
                        && block.path("text").isString()) {
                    text.append(block.path("text").stringValue());
                }
            }
        }
        return text.toString();
    }
}
