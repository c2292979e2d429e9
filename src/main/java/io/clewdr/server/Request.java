package io.clewdr.server;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One decoded client request: the body is complete (bounded by the body limit) before a handler runs.
 *
 * @param id the request id we answer in the {@code request-id} header
 * @param method the HTTP method, upper case
 * @param path the decoded path without the query
 * @param query the decoded query parameters
 * @param headers the request headers (case-insensitive)
 * @param body the body bytes (empty when none)
 * @param remote the client address
 */
public record Request(
        String id,
        String method,
        String path,
        Map<String, List<String>> query,
        HttpHeaders headers,
        byte[] body,
        SocketAddress remote) {

    /**
     * The first value of a header.
     *
     * @param name the header name, any case
     * @return the value, or null when absent
     */
    public @Nullable String header(String name) {
        return headers.get(name);
    }

    /**
     * All values of a header, in order (some, like {@code anthropic-beta}, may be repeated).
     *
     * @param name the header name, any case
     * @return the values, possibly empty
     */
    public List<String> headers(String name) {
        return headers.getAll(name);
    }

    /**
     * The first value of a query parameter.
     *
     * @param name the parameter name
     * @return the value, or null when absent
     */
    public @Nullable String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** @return the body decoded as UTF-8 */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // The query may hold a Gemini key: never print it.
        return "Request[" + id + " " + method + " " + path + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Request r && r.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
