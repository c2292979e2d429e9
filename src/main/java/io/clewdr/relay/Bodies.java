package io.clewdr.relay;

import io.clewdr.config.Settings;
import io.clewdr.server.HttpError;
import io.clewdr.server.Request;
import io.clewdr.translate.ModelRules;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reading and normalising request bodies: the checks every message route shares. */
final class Bodies {
    private static final JsonMapper JSON = JsonMapper.shared();
    static final int DEFAULT_MAX_TOKENS = 8192;

    private Bodies() {}

    /** The body as a JSON object, or a 400 saying why not. */
    static ObjectNode object(Request request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (JacksonException e) {
            throw HttpError.of(400, "The request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(body instanceof ObjectNode object)) {
            throw HttpError.of(400, "The request body must be a JSON object");
        }
        return object;
    }

    /** Checks the fields every message request needs. */
    static void requireMessages(ObjectNode body) {
        if (!body.path("model").isString() || body.path("model").asString().isBlank()) {
            throw HttpError.badParam("model", "model: a model id is required");
        }
        if (!body.path("messages").isArray()) {
            throw HttpError.badParam("messages", "messages: an array of messages is required");
        }
    }

    /**
     * The normalisation of clewdr-behaviour.md §4 on an Anthropic body: model aliases, optional
     * sanitising, the {@code max_tokens} default, then the model rules.
     */
    static void normalise(ObjectNode body, Settings settings) {
        String model = body.path("model").asString();
        String target = settings.modelAliases().get(model);
        if (target != null) {
            body.put("model", target);
        }
        if (settings.sanitizeMessages()) {
            Sanitizer.apply(body);
        }
        if (!body.path("max_tokens").isNumber()) {
            body.put("max_tokens", DEFAULT_MAX_TOKENS);
        }
        ModelRules.apply(body);
    }

    static boolean stream(JsonNode body) {
        return body.path("stream").asBoolean(false);
    }
}
