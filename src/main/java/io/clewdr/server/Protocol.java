package io.clewdr.server;

import io.clewdr.protocol.anthropic.AnthropicErrors;
import io.clewdr.protocol.gemini.GeminiErrors;
import io.clewdr.protocol.openai.OpenAiErrors;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API a route speaks, which decides the shape of every error it answers (ARCHITECTURE.md
 * "Errors"): a client only understands errors in its own protocol.
 */
public enum Protocol {
    /** Anthropic Messages: {@code {"type":"error","error":{"type","message"}}}. */
    ANTHROPIC,
    /** OpenAI Chat Completions: {@code {"error":{"message","type","param","code"}}}. */
    OPENAI,
    /** Gemini: {@code {"error":{"code","message","status"}}}. */
    GEMINI,
    /** The admin API: {@code {"error":"<text>"}}, as the original's admin handlers answer. */
    ADMIN;

    private static final JsonMapper JSON = JsonMapper.shared();

    /**
     * Renders an error body in this protocol.
     *
     * @param status the HTTP status
     * @param message a message for the user, never containing a secret
     * @param type an explicit error type, or null to derive it from the status
     * @param param the offending request parameter (OpenAI only), or null
     * @return the UTF-8 JSON body
     */
    public byte[] errorBody(int status, String message, @Nullable String type, @Nullable String param) {
        ObjectNode body = switch (this) {
            case ANTHROPIC ->
                type == null ? AnthropicErrors.body(status, message) : AnthropicErrors.body(type, message);
            case OPENAI -> OpenAiErrors.body(type == null ? OpenAiErrors.typeFor(status) : type, message, param, null);
            case GEMINI -> GeminiErrors.body(status, message);
            case ADMIN -> {
                ObjectNode admin = JSON.createObjectNode();
                admin.put("error", message);
                yield admin;
            }
        };
        return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The protocol to answer in when no route matched, guessed from the path so that even a 404 or
     * 413 reaches the client in a shape it parses.
     *
     * @param path the request path
     * @return the protocol of the routes under that path
     */
    public static Protocol guess(String path) {
        if (path.startsWith("/api/")) {
            return ADMIN;
        }
        if (path.startsWith("/v1/v1beta") || path.startsWith("/v1/vertex")) {
            return GEMINI;
        }
        if (path.contains("chat/completions") || path.endsWith("/models") || path.startsWith("/gemini")) {
            return OPENAI;
        }
        return ANTHROPIC;
    }
}
