package io.clewdr.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts OpenAI message content (a string or an array of parts) to Anthropic content blocks.
 * Kept: {@code text} parts, {@code image_url} parts (data URL to a base64 source, http(s) URL to a
 * url source) and blocks that are already Anthropic-shaped, which some clients send on the OpenAI
 * route. Dropped: empty texts, images of other kinds, and parts Anthropic has no form for (audio,
 * files, refusals).
 */
final class OpenAiContent {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Block types Anthropic accepts as they are. */
    private static final Set<String> ANTHROPIC_BLOCKS =
            Set.of("image", "document", "tool_use", "tool_result", "thinking", "redacted_thinking");

    /** Image media types Anthropic accepts, after {@code jpg} is normalised to {@code jpeg}. */
    private static final Set<String> IMAGE_SUBTYPES = Set.of("png", "jpeg", "gif", "webp");

    private OpenAiContent() {}

    /**
     * The blocks for {@code content}; empty for null or absent content.
     *
     * @param path the JSON path of {@code content}, for error messages
     */
    static List<ObjectNode> blocks(JsonNode content, String path) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (content == null || content.isMissingNode() || content.isNull()) {
            return blocks;
        }
        if (content.isString()) {
            addText(blocks, content.stringValue(), null);
            return blocks;
        }
        if (!content.isArray()) {
            throw new TranslationException(
                    path, path + ": a " + content.getNodeType() + " (expected: a string or an array of parts)");
        }
        for (JsonNode part : content) {
            String type = part.path("type").asString("");
            switch (type) {
                case "text" -> addText(blocks, part.path("text").asString(""), part.get("cache_control"));
                case "image_url" -> {
                    JsonNode image = part.path("image_url");
                    ObjectNode block = image(
                            image.isString()
                                    ? image.stringValue()
                                    : image.path("url").asString(""));
                    if (block != null) {
                        blocks.add(block);
                    }
                }
                default -> {
                    if (ANTHROPIC_BLOCKS.contains(type) && part.isObject()) {
                        blocks.add(((ObjectNode) part).deepCopy());
                    }
                }
            }
        }
        return blocks;
    }

    /** The text of {@code content}: the string itself, or its text parts joined with newlines. */
    static String text(JsonNode content) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (content.isString()) {
            return content.stringValue();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode part : content) {
            if (part.isString()) {
                texts.add(part.stringValue());
            } else if ("text".equals(part.path("type").asString(""))) {
                texts.add(part.path("text").asString(""));
            }
        }
        return String.join("\n", texts);
    }

    /** A text block, or nothing when the text is empty (Anthropic rejects empty text blocks). */
    static void addText(List<ObjectNode> blocks, String text, JsonNode cacheControl) {
        if (text.isEmpty()) {
            return;
        }
        ObjectNode block = textBlock(text);
        if (cacheControl != null && cacheControl.isObject()) {
            block.set("cache_control", cacheControl.deepCopy());
        }
        blocks.add(block);
    }

    static ObjectNode textBlock(String text) {
        ObjectNode block = NODES.objectNode();
        block.put("type", "text");
        block.put("text", text);
        return block;
    }

    /**
     * An Anthropic image block for an OpenAI image URL, or {@code null} when Anthropic cannot take
     * it: a data URL must be {@code data:image/<png|jpeg|jpg|gif|webp>[;params];base64,<data>}.
     */
    static ObjectNode image(String url) {
        ObjectNode source = NODES.objectNode();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("data:")) {
            int comma = url.indexOf(',');
            if (comma < 0) {
                return null;
            }
            String[] meta = lower.substring(5, comma).split(";");
            String mime = meta[0].trim();
            boolean base64 = false;
            for (int i = 1; i < meta.length; i++) {
                base64 |= meta[i].trim().equals("base64");
            }
            String subtype = mime.startsWith("image/") ? mime.substring(6) : "";
            subtype = subtype.equals("jpg") ? "jpeg" : subtype;
            if (!base64 || !IMAGE_SUBTYPES.contains(subtype)) {
                return null;
            }
            source.put("type", "base64");
            source.put("media_type", "image/" + subtype);
            source.put("data", url.substring(comma + 1));
        } else if (lower.startsWith("https://") || lower.startsWith("http://")) {
            source.put("type", "url");
            source.put("url", url);
        } else {
            return null;
        }
        ObjectNode block = NODES.objectNode();
        block.put("type", "image");
        block.set("source", source);
        return block;
    }
}
