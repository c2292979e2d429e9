package io.clewdr.server;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Cross-origin rules (spec README decision 3): the LLM routes are open to browser clients on any
 * origin, including the headers the official SDKs send from browsers ({@code anthropic-*},
 * {@code x-api-key}, {@code x-goog-api-key}, {@code x-stainless-*}); the admin API answers only its
 * own origin (the dashboard), so no other page can drive it even with a stolen token in hand.
 */
final class CorsPolicy {
    static final String ALLOWED_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
    static final String EXPOSED_HEADERS = "request-id, retry-after, x-request-id, x-should-retry";
    private static final Set<String> ALLOWED_HEADERS = Set.of(
            "authorization",
            "content-type",
            "accept",
            "x-api-key",
            "x-goog-api-key",
            "x-goog-api-client",
            "x-goog-user-project",
            "openai-organization",
            "openai-project",
            "x-requested-with");

    private CorsPolicy() {}

    static boolean allowedHeader(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return ALLOWED_HEADERS.contains(lower) || lower.startsWith("anthropic-") || lower.startsWith("x-stainless-");
    }

    /**
     * The allowed subset of the headers a preflight asks for, in the order asked; a header left out
     * makes the browser refuse the request, which is the point.
     */
    static String allowedRequestHeaders(@Nullable String requested) {
        if (requested == null || requested.isBlank()) {
            return "authorization, content-type, x-api-key, x-goog-api-key, anthropic-version, anthropic-beta";
        }
        List<String> allowed = new ArrayList<>();
        for (String name : requested.split(",")) {
            if (allowedHeader(name)) {
                allowed.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        return String.join(", ", allowed);
    }

    /** Whether a request comes from a page of our own origin (or from no browser at all). */
    static boolean sameOriginOrNone(HttpHeaders headers) {
        String origin = headers.get("origin");
        if (origin == null) {
            return true;
        }
        String host = headers.get("host");
        if (host == null) {
            return false;
        }
        String lower = origin.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        return lower.equals("http://" + h) || lower.equals("https://" + h);
    }
}
