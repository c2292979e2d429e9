package io.clewdr.provider.claudecode;

import io.clewdr.credential.Outcome;
import io.clewdr.provider.Opened;
import io.clewdr.provider.UpstreamError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the OAuth token endpoint answered to an exchange or a refresh (clewdr-behaviour.md §7.6-7.7):
 * only a 200 with an {@code access_token} is a grant; any other status with an {@code error} or
 * {@code error_description} is a rejected grant; anything else is broken.
 */
sealed interface TokenAnswer {

    /**
     * A new token.
     *
     * @param accessToken the bearer token
     * @param expiresIn its lifetime; zero when the endpoint gave none (so it counts as expired at once)
     * @param refreshToken the refresh token; empty when the endpoint gave none
     */
    record Granted(String accessToken, Duration expiresIn, String refreshToken) implements TokenAnswer {
        @Override
        public String toString() {
            return "Granted[expiresIn=" + expiresIn + "]";
        }
    }

    /**
     * The endpoint refused the grant.
     *
     * @param error the {@code error} field, or empty
     * @param description the {@code error_description} field, or empty
     */
    record Rejected(String error, String description) implements TokenAnswer {
        /**
         * Whether the grant is dead and only a new authorization helps: the error names
         * {@code invalid_grant}, or the description says the refresh token is not found or invalid.
         */
        boolean invalidGrant() {
            String e = error.toLowerCase(Locale.ROOT);
            String d = description.toLowerCase(Locale.ROOT);
            return e.contains("invalid_grant")
                    || d.contains("refresh token not found")
                    || (d.contains("refresh token") && d.contains("invalid"));
        }

        /** The failure of an attempt that cannot recover from this rejection: a 500, not retried. */
        Opened.Failed failure() {
            String what = error.isEmpty() ? description : description.isEmpty() ? error : error + ": " + description;
            return new Opened.Failed(
                    new Outcome.Success(),
                    UpstreamError.of(
                            500, "api_error", "The OAuth token endpoint rejected the grant: " + abbreviate(what)));
        }
    }

    /**
     * Neither a grant nor a rejection (a server error, a body that is not the documented JSON).
     *
     * @param failure the failure of the attempt
     */
    record Broken(Opened.Failed failure) implements TokenAnswer {}

    /** Reads an answer of the token endpoint. */
    static TokenAnswer of(UpstreamCall.Answer answer) {
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        JsonNode json = parse(text);
        if (answer.status() == 200) {
            JsonNode access = json.path("access_token");
            if (access.isString() && !access.stringValue().isEmpty()) {
                JsonNode refresh = json.path("refresh_token");
                long seconds = json.path("expires_in").canConvertToLong()
                        ? json.path("expires_in").asLong()
                        : 0;
                return new Granted(
                        access.stringValue(),
                        Duration.ofSeconds(Math.max(0, seconds)),
                        refresh.isString() ? refresh.stringValue() : "");
            }
            return broken(answer.status(), "a 200 without an access_token");
        }
        String error = json.path("error").isString() ? json.path("error").stringValue() : "";
        String description = json.path("error_description").isString()
                ? json.path("error_description").stringValue()
                : "";
        if (!error.isEmpty() || !description.isEmpty()) {
            return new Rejected(error, description);
        }
        return broken(answer.status(), text.isBlank() ? "an empty body" : abbreviate(text));
    }

    private static TokenAnswer broken(int status, String what) {
        boolean transientStatus = status >= 500 || status == 429 || status == 408;
        return new Broken(new Opened.Failed(
                transientStatus ? new Outcome.Transient("token endpoint HTTP " + status) : new Outcome.Success(),
                UpstreamError.of(502, "api_error", "The OAuth token endpoint answered HTTP " + status + ": " + what)));
    }

    private static JsonNode parse(String text) {
        try {
            return JsonMapper.shared().readTree(text);
        } catch (JacksonException e) {
            return JsonMapper.shared().missingNode();
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
