package io.clewdr.protocol.openai;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Error bodies in the OpenAI shape, {@code {"error":{"message","type","param","code"}}} (the spec's
 * {@code ErrorResponse}); also the data of an in-stream error chunk, on which the SDKs raise.
 */
public final class OpenAiErrors {
    private static final JsonMapper JSON = JsonMapper.shared();

    private OpenAiErrors() {}

    /**
     * The conventional {@code error.type} for an HTTP status.
     *
     * @param status the HTTP status
     * @return the error type name
     */
    public static String typeFor(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    /**
     * An error body with the type derived from the status.
     *
     * @param status the HTTP status
     * @param message a message for the user
     * @return the JSON body
     */
    public static ObjectNode body(int status, String message) {
        return body(typeFor(status), message, null, null);
    }

    /**
     * An error body.
     *
     * @param type the error type
     * @param message a message for the user
     * @param param the request parameter at fault, if any
     * @param code a machine-readable code, if any
     * @return the JSON body
     */
    public static ObjectNode body(String type, String message, @Nullable String param, @Nullable String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return root;
    }
}
