package io.clewdr.credential;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Claude.ai {@code sessionKey} cookie value, validated on construction.
 *
 * <p>Two cookies are equal when their values are equal. {@link #toString()} is masked so a cookie
 * never reaches a log line in full; use {@link #value()} only where the secret is really needed (the
 * upstream header, the store).
 *
 * @param value the bare cookie value, without the {@code sessionKey=} prefix
 */
public record ClewdrCookie(String value) {

    /** Characters a cookie may contain; everything else is stripped before matching. */
    private static final Pattern STRIPPED = Pattern.compile("[^A-Za-z0-9_-]");

    private static final String BODY = "[0-9A-Za-z_-]{86,120}-[0-9A-Za-z_-]{6}AA";

    /** The full form, searched anywhere in the cleaned input. */
    private static final Pattern FULL = Pattern.compile("sk-ant-sid\\d{2}-" + BODY);

    /** The bare form without the {@code sk-ant-sidNN-} prefix, accepted only as the whole input. */
    private static final Pattern BASE = Pattern.compile(BODY);

    private static final int MASKED_PREFIX = 20;

    /** Validates that {@code value} already is a clean cookie value (as {@link #from} would keep it). */
    public ClewdrCookie {
        Objects.requireNonNull(value, "value");
        if (!FULL.matcher(value).matches() && !BASE.matcher(value).matches()) {
            throw new InvalidCookieException();
        }
    }

    /**
     * Parses user input: trims it, removes every character outside {@code [A-Za-z0-9_-]} (so
     * {@code sessionKey=}, quotes, spaces and {@code ;} disappear), then takes the first full
     * {@code sk-ant-sidNN-…AA} match, or else the whole cleaned string if it is a bare cookie body.
     *
     * @throws InvalidCookieException with the message "Invalid cookie format" otherwise
     */
    public static ClewdrCookie from(String input) {
        Objects.requireNonNull(input, "input");
        String cleaned = STRIPPED.matcher(input.strip()).replaceAll("");
        var full = FULL.matcher(cleaned);
        if (full.find()) {
            return new ClewdrCookie(full.group());
        }
        if (BASE.matcher(cleaned).matches()) {
            return new ClewdrCookie(cleaned);
        }
        throw new InvalidCookieException();
    }

    /** The value as sent in the upstream {@code Cookie} header: {@code sessionKey=<value>}. */
    public String headerValue() {
        return "sessionKey=" + value;
    }

    /** The first 20 characters followed by {@code ...}: the only form that may appear in logs. */
    public String masked() {
        return value.substring(0, Math.min(MASKED_PREFIX, value.length())) + "...";
    }

    /** Masked, see {@link #masked()}. */
    @Override
    public String toString() {
        return masked();
    }
}
