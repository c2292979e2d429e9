package io.clewdr.provider;

import java.util.List;
import java.util.Map;

/**
 * What the client should be told about a failed upstream call: the status to answer, an
 * Anthropic-style error type, a message free of secrets, and headers such as {@code retry-after}.
 *
 * @param status the HTTP status for the client
 * @param type the error type (Anthropic names, e.g. {@code rate_limit_error})
 * @param message the message
 * @param headers extra response headers
 */
public record UpstreamError(int status, String type, String message, List<Map.Entry<String, String>> headers) {
    /** Copies the headers. */
    public UpstreamError {
        headers = List.copyOf(headers);
    }

    /**
     * An error without extra headers.
     *
     * @param status the status
     * @param type the type
     * @param message the message
     * @return the error
     */
    public static UpstreamError of(int status, String type, String message) {
        return new UpstreamError(status, type, message, List.of());
    }
}
