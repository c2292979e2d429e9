package io.clewdr.provider.claudeweb;

import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON body of a Claude.ai completion call (clewdr-behaviour.md §5.10): the flattened prompt as the
 * one {@code paste.txt} attachment, the uploaded files, the model for Pro accounts only, and the
 * rendering mode that decides whether Claude.ai streams Anthropic-style events.
 *
 * @param maxTokens the request's {@code max_tokens}, sent as {@code max_tokens_to_sample}
 * @param pasteText the flattened prompt ({@link PromptFlattener})
 * @param files the uploaded file UUIDs
 * @param model the request model; sent only when {@code pro}
 * @param pro whether the account may choose its model
 * @param stream whether the client asked for a stream ({@code messages} rendering, else {@code raw})
 * @param customPrompt the {@code custom_prompt} setting, sent as {@code prompt} (null means empty)
 * @param webSearch whether to offer Claude.ai's web search tool
 */
public record WebCompletionBody(
        long maxTokens,
        String pasteText,
        List<String> files,
        String model,
        boolean pro,
        boolean stream,
        String customPrompt,
        boolean webSearch) {

    /** The time zone the original always reports. */
    public static final String TIMEZONE = "America/New_York";

    /** Defensive copy; a null prompt is empty. */
    public WebCompletionBody {
        files = List.copyOf(files);
        customPrompt = customPrompt == null ? "" : customPrompt;
    }

    /** The body as JSON, with the fields in the order the original sends them. */
    public ObjectNode json() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("max_tokens_to_sample", maxTokens);
        body.putArray("attachments")
                .addObject()
                .put("extracted_content", pasteText)
                .put("file_name", "paste.txt")
                .put("file_type", "txt")
                .put("file_size", pasteText.getBytes(StandardCharsets.UTF_8).length);
        var fileArray = body.putArray("files");
        files.forEach(fileArray::add);
        if (pro && model != null) {
            body.put("model", model);
        }
        body.put("rendering_mode", stream ? "messages" : "raw");
        body.put("prompt", customPrompt);
        body.put("timezone", TIMEZONE);
        var tools = body.putArray("tools");
        if (webSearch) {
            tools.addObject().put("name", "web_search").put("type", "web_search_v0");
        }
        return body;
    }
}
