package io.clewdr.server;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A failure that ends a request with a status and a message in the route's protocol. Thrown by
 * handlers; rendered by the server.
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final @Nullable String type;
    private final @Nullable String param;
    private final List<Map.Entry<String, String>> headers;

    /**
     * Creates an error.
     *
     * @param status the HTTP status
     * @param message the message for the user (no secrets)
     * @param type an explicit protocol error type, or null to derive it from the status
     * @param param the request parameter at fault, or null
     * @param headers extra response headers such as {@code retry-after}
     */
    public HttpError(
            int status,
            String message,
            @Nullable String type,
            @Nullable String param,
            List<Map.Entry<String, String>> headers) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.headers = List.copyOf(headers);
    }

    /**
     * An error with only a status and a message.
     *
     * @param status the HTTP status
     * @param message the message for the user
     * @return the error
     */
    public static HttpError of(int status, String message) {
        return new HttpError(status, message, null, null, List.of());
    }

    /**
     * A 400 naming the request parameter at fault.
     *
     * @param param the parameter
     * @param message the message for the user
     * @return the error
     */
    public static HttpError badParam(String param, String message) {
        return new HttpError(400, message, null, param, List.of());
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the explicit error type, or null */
    public @Nullable String type() {
        return type;
    }

    /** @return the parameter at fault, or null */
    public @Nullable String param() {
        return param;
    }

    /** @return extra response headers */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }
}
