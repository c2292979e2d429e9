package io.clewdr.protocol.gemini;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Error bodies in the Google shape, {@code {"error":{"code","message","status"}}} (protocols.md §3.7). */
public final class GeminiErrors {
    private static final JsonMapper JSON = JsonMapper.shared();

    private GeminiErrors() {}

    /**
     * The canonical Google status name for an HTTP status.
     *
     * @param status the HTTP status
     * @return the status name
     */
    public static String statusFor(int status) {
        return switch (status) {
            case 400, 413 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 501 -> "UNIMPLEMENTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }

    /**
     * An error body.
     *
     * @param status the HTTP status
     * @param message a message for the user
     * @return the JSON body
     */
    public static ObjectNode body(int status, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", status);
        error.put("message", message);
        error.put("status", statusFor(status));
        return root;
    }
}
