package io.clewdr.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request as a fake upstream received it.
 *
 * @param method the method
 * @param path the path without the query
 * @param query the decoded query parameters
 * @param headers the headers in arrival order (names as sent)
 * @param body the body bytes
 */
public record Recorded(
        String method,
        String path,
        Map<String, List<String>> query,
        List<Map.Entry<String, String>> headers,
        byte[] body) {

    /**
     * The first header of that name, case-insensitively.
     *
     * @param name the header name
     * @return the value or null
     */
    public @Nullable String header(String name) {
        return headers.stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return the body parsed as JSON */
    public JsonNode json() {
        return JsonMapper.shared().readTree(body);
    }
}
