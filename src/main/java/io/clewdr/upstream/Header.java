package io.clewdr.upstream;

import java.util.Objects;

/**
 * One request header as sent: the name keeps its case for HTTP/1.1 (HTTP/2 lowercases it, as the
 * protocol requires), and a list of headers keeps its order on the wire.
 *
 * @param name the header name, never blank
 * @param value the header value
 */
public record Header(String name, String value) {

    /** Validates that the name is present and that neither part could split the request. */
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: blank (expected: a header name)");
        }
        if (hasLineBreak(name) || hasLineBreak(value)) {
            throw new IllegalArgumentException("header " + name.strip() + ": contains a line break");
        }
    }

    /** Returns a header with the given name and value. */
    public static Header of(String name, String value) {
        return new Header(name, value);
    }

    /** Shows the value only for headers that cannot carry a secret, so a logged request is safe. */
    @Override
    public String toString() {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        boolean secret = SECRET_NAMES.contains(lower)
                || lower.contains("key")
                || lower.contains("token")
                || lower.contains("auth")
                || lower.contains("cookie")
                || lower.contains("secret");
        return name + ": " + (secret ? "***" : value);
    }

    private static final java.util.Set<String> SECRET_NAMES = java.util.Set.of("authorization", "proxy-authorization");

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }
}
