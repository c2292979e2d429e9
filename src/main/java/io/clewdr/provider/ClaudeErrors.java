package io.clewdr.provider;

import io.clewdr.credential.Outcome;
import io.clewdr.credential.Reason;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Classifies a non-2xx answer of any Claude web or Claude Code call (clewdr-behaviour.md §5.14),
 * improved: 5xx and 529 are transient (another cookie is tried) instead of going straight to the
 * client, and 302 (Cloudflare) says what to check.
 */
public final class ClaudeErrors {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String DISABLED = "This organization has been disabled.";
    private static final String OAUTH_REFUSED = "oauth authentication is currently not allowed for this organization";

    private ClaudeErrors() {}

    /**
     * Classifies one answer.
     *
     * @param status the upstream status (not 2xx)
     * @param headers the upstream headers
     * @param body the upstream body
     * @param now the current time (for the default park of one hour)
     * @return the failure: what the pool learns and what the client is told
     */
    public static Opened.Failed classify(int status, HttpHeaders headers, byte[] body, Instant now) {
        if (status == 302 || status == 301 || status == 307) {
            return new Opened.Failed(
                    new Outcome.Transient("blocked"),
                    UpstreamError.of(
                            502,
                            "api_error",
                            "Blocked by the upstream (HTTP " + status + "): check your IP address or proxy"));
        }
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode error = parse(text).path("error");
        String message = messageText(error.path("message"));
        String type = error.path("type").asString("");
        if (message.isEmpty()) {
            message = text.isBlank() ? "HTTP " + status : "Unknown error: " + abbreviate(text);
        }
        String clientMessage = "Upstream error " + status + ": " + message;
        if (status == 400 && DISABLED.equals(message)) {
            return retire(new Reason.Disabled(), 400, clientMessage);
        }
        if (status == 401) {
            return retire(new Reason.Null(), 401, clientMessage);
        }
        if (status == 403 && message.toLowerCase(Locale.ROOT).contains(OAUTH_REFUSED)) {
            return retire(new Reason.Null(), 403, clientMessage);
        }
        if (status == 429) {
            Instant until = resetTime(error.path("message"), headers, now);
            long seconds = Math.max(1, Duration.between(now, until).toSeconds());
            return new Opened.Failed(
                    new Outcome.RateLimited(until),
                    new UpstreamError(
                            429,
                            "rate_limit_error",
                            clientMessage,
                            List.of(Map.entry("retry-after", Long.toString(seconds)))));
        }
        if (status >= 500 || status == 408) {
            return new Opened.Failed(
                    new Outcome.Transient("HTTP " + status),
                    UpstreamError.of(
                            status,
                            type.isEmpty() ? (status == 529 ? "overloaded_error" : "api_error") : type,
                            clientMessage));
        }
        return new Opened.Failed(
                new Outcome.Success(),
                UpstreamError.of(status, type.isEmpty() ? "invalid_request_error" : type, clientMessage));
    }

    /**
     * Classifies an {@code error} event that arrived before anything reached the client: overloads
     * and server errors are transient, anything else goes to the client.
     *
     * @param data the event's JSON
     * @return the failure
     */
    public static Opened.Failed errorEvent(JsonNode data) {
        JsonNode error = data.path("error");
        String type = error.path("type").asString("api_error");
        String message = messageText(error.path("message"));
        boolean transientError = type.equals("overloaded_error")
                || type.equals("api_error")
                || message.toLowerCase(Locale.ROOT).contains("overloaded");
        int status = type.equals("overloaded_error") ? 529 : transientError ? 500 : 400;
        UpstreamError clientError = UpstreamError.of(status, type, "Upstream error: " + message);
        return new Opened.Failed(transientError ? new Outcome.Transient(type) : new Outcome.Success(), clientError);
    }

    private static Opened.Failed retire(Reason reason, int status, String message) {
        return new Opened.Failed(
                new Outcome.Invalid(reason),
                UpstreamError.of(status, status == 401 ? "authentication_error" : "permission_error", message));
    }

    /**
     * When a 429 resets: {@code resetsAt} inside the (JSON-in-a-string) message, else the
     * {@code anthropic-ratelimit-unified-reset} header, else in one hour.
     */
    static Instant resetTime(JsonNode message, HttpHeaders headers, Instant now) {
        JsonNode inner = message.isString() ? parse(message.asString()) : message;
        if (inner.path("resetsAt").isNumber()) {
            return Instant.ofEpochSecond(inner.path("resetsAt").asLong());
        }
        String header = headers.get("anthropic-ratelimit-unified-reset");
        if (header != null) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(header.trim()));
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        return now.plus(Duration.ofHours(1));
    }

    private static String messageText(JsonNode message) {
        if (message.isString()) {
            return message.asString();
        }
        return message.isMissingNode() || message.isNull() ? "" : JSON.writeValueAsString(message);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return JSON.missingNode();
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
