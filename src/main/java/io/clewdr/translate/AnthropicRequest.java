package io.clewdr.translate;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI request translated for Anthropic.
 *
 * @param body the Anthropic Messages request body, owned by the caller (free to change it further)
 * @param context what the response translator needs about the original request
 */
public record AnthropicRequest(ObjectNode body, OpenAiRequestContext context) {

    /** Checks both parts are present. */
    public AnthropicRequest {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(context, "context");
    }
}
