package io.clewdr.protocol.anthropic;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Error bodies in the Anthropic Messages API shape, {@code {"type":"error","error":{"type","message"}}}.
 *
 * <p>The {@code error.type} follows the status as the API documents it (protocols.md §1.7), so the
 * official SDKs raise the exception class a user expects.
 */
public final class AnthropicErrors {
    private static final JsonMapper JSON = JsonMapper.shared();

    private AnthropicErrors() {}

    /**
     * The documented {@code error.type} for an HTTP status.
     *
     * @param status the HTTP status
     * @return the error type name
     */
    public static String typeFor(int status) {
        return switch (status) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 409 -> "conflict_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
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
        return body(typeFor(status), message);
    }

    /**
     * An error body (also the data of an in-stream {@code error} event).
     *
     * @param type the error type
     * @param message a message for the user
     * @return the JSON body
     */
    public static ObjectNode body(String type, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", type);
        error.put("message", message);
        return root;
    }
}
