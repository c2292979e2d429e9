package io.clewdr.provider.claudeweb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Flattens an Anthropic request into the single text Claude.ai receives as its {@code paste.txt}
 * attachment (clewdr-behaviour.md §5.8), collecting inline images for upload on the way.
 *
 * <p>The text starts with the system text, or with the first message's raw text when there is none,
 * and continues with {@code SEP + label + ": " + text} for every message after consecutive messages of
 * one role are folded together. Only text and inline images survive; tool calls, tool results,
 * thinking, documents, remote image URLs and file sources are dropped.
 */
public final class PromptFlattener {

    private static final Logger LOG = LoggerFactory.getLogger(PromptFlattener.class);

    /**
     * The flattening settings (from {@code custom_h}, {@code custom_a} and {@code use_real_roles}).
     *
     * @param human the user label; blank or null means {@code Human}
     * @param assistant the assistant label; blank or null means {@code Assistant}
     * @param useRealRoles whether the separator carries a backspace ({@code "\n\n\b"}), which Claude.ai
     *     reads as a real turn boundary
     */
    public record Options(String human, String assistant, boolean useRealRoles) {
        /** Fills in the default labels. */
        public Options {
            human = human == null || human.isBlank() ? "Human" : human;
            assistant = assistant == null || assistant.isBlank() ? "Assistant" : assistant;
        }

        /** {@code Human}/{@code Assistant} labels and the plain separator. */
        public static Options defaults() {
            return new Options(null, null, false);
        }

        String separator() {
            return useRealRoles ? "\n\n\b" : "\n\n";
        }
    }

    /**
     * An inline image to upload before the completion.
     *
     * @param mediaType the media type as the client gave it (for example {@code image/png})
     * @param base64 the base64 data, not yet decoded
     */
    public record Image(String mediaType, String base64) {}

    /**
     * The flattened request.
     *
     * @param text the prompt text for the {@code paste.txt} attachment
     * @param images the inline images, in message order
     */
    public record Prompt(String text, List<Image> images) {
        /** Defensive copy. */
        public Prompt {
            images = List.copyOf(images);
        }
    }

    /** One message reduced to its role and text. */
    private record Turn(String role, String text) {}

    private PromptFlattener() {}

    /**
     * Flattens {@code request} (its {@code system} and {@code messages}).
     *
     * @throws EmptyRequestException when no message has any text left
     */
    public static Prompt flatten(JsonNode request, Options options) {
        List<Image> images = new ArrayList<>();
        List<Turn> turns = fold(request.path("messages"), images);
        if (turns.isEmpty()) {
            throw new EmptyRequestException();
        }
        String system = systemText(request.path("system"));
        StringBuilder text = new StringBuilder();
        int from = 0;
        if (system.isEmpty()) {
            text.append(turns.getFirst().text()); // no label for the opening turn, whatever its role
            from = 1;
        } else {
            text.append(system);
        }
        for (Turn turn : turns.subList(from, turns.size())) {
            String label = switch (turn.role()) {
                case "user" -> options.human();
                case "assistant" -> options.assistant();
                default -> null;
            };
            if (label == null) {
                LOG.warn("Skipping a {} message in the middle of the conversation", turn.role());
                continue;
            }
            text.append(options.separator()).append(label).append(": ").append(turn.text());
        }
        return new Prompt(text.toString(), images);
    }

    /** A string as is, or the trimmed {@code text} of each entry joined with newlines; then trimmed. */
    static String systemText(JsonNode system) {
        if (system.isString()) {
            return system.stringValue().trim();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode entry : system) {
            JsonNode text = entry.path("text");
            if (text.isString() && !text.stringValue().isBlank()) {
                parts.add(text.stringValue().trim());
            }
        }
        return String.join("\n", parts).trim();
    }

    private static List<Turn> fold(JsonNode messages, List<Image> images) {
        List<Turn> turns = new ArrayList<>();
        for (JsonNode message : messages) {
            String role = message.path("role").asString("");
            String text = messageText(message.path("content"), images);
            if (text.isEmpty()) {
                continue;
            }
            if (!turns.isEmpty() && turns.getLast().role().equals(role)) {
                turns.set(turns.size() - 1, new Turn(role, turns.getLast().text() + "\n" + text));
            } else {
                turns.add(new Turn(role, text));
            }
        }
        return turns;
    }

    private static String messageText(JsonNode content, List<Image> images) {
        if (content.isString()) {
            return content.stringValue().trim();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode block : content) {
            switch (block.path("type").asString("")) {
                case "text" -> {
                    String text = block.path("text").asString("").trim();
                    if (!text.isEmpty()) {
                        parts.add(text);
                    }
                }
                case "image" -> collectImage(block.path("source"), images);
                case "image_url" -> {
                    JsonNode url = block.path("image_url");
                    collectDataUrl(
                            url.isString() ? url.stringValue() : url.path("url").asString(""), images);
                }
                default -> {
                    // tool_use, tool_result, thinking, documents …: Claude.ai has no place for them
                }
            }
        }
        return String.join("\n", parts);
    }

    private static void collectImage(JsonNode source, List<Image> images) {
        switch (source.path("type").asString("")) {
            case "base64" ->
                images.add(new Image(
                        source.path("media_type").asString(""),
                        source.path("data").asString("")));
            case "url" -> collectDataUrl(source.path("url").asString(""), images);
            default ->
                LOG.debug(
                        "Dropping an image with a {} source",
                        source.path("type").asString("unknown"));
        }
    }

    /** Collects a {@code data:<media type>[;params];base64,<data>} URL; anything else is dropped. */
    private static void collectDataUrl(String url, List<Image> images) {
        if (!url.regionMatches(true, 0, "data:", 0, 5)) {
            LOG.warn("Unsupported image url source"); // the URL itself may carry a signed token: not logged
            return;
        }
        int comma = url.indexOf(',');
        String header = comma < 0 ? "" : url.substring(5, comma);
        if (comma < 0 || !header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            LOG.warn("Unsupported image url source (not base64)");
            return;
        }
        int semicolon = header.indexOf(';');
        images.add(new Image(header.substring(0, semicolon), url.substring(comma + 1)));
    }
}
