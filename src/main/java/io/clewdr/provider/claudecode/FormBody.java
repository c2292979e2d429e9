package io.clewdr.provider.claudecode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An {@code application/x-www-form-urlencoded} body whose fields keep the order they were added in
 * (the token endpoint is sent its fields in a documented order, clewdr-behaviour.md §7.6). Values use
 * standard form encoding: a space becomes {@code +}, and {@code / + =} are percent-encoded. It holds
 * codes and refresh tokens, so it has no readable {@code toString()}.
 */
final class FormBody {

    private final StringBuilder text = new StringBuilder();

    private FormBody() {}

    /** An empty form. */
    static FormBody create() {
        return new FormBody();
    }

    /** Appends one field. */
    FormBody add(String name, String value) {
        if (!text.isEmpty()) {
            text.append('&');
        }
        text.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        return this;
    }

    /** The encoded body. */
    byte[] bytes() {
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "FormBody[" + text.length() + " chars]";
    }
}
