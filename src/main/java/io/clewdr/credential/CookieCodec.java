package io.clewdr.credential;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts cookie records to and from Jackson trees in the on-disk shape of {@code clewdr.toml}
 * ({@code [[cookie_array]]} and {@code [[wasted_cookie]]} entries), so a TOML or JSON mapper on the
 * store side can read and write them. Absent optionals are omitted; unknown fields are kept.
 */
public final class CookieCodec {

    private static final Logger LOG = LoggerFactory.getLogger(CookieCodec.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The array keys in the config file. */
    public static final String COOKIE_ARRAY = "cookie_array";

    /** The array key of retired cookies in the config file. */
    public static final String WASTED_COOKIE = "wasted_cookie";

    private static final Set<String> RETIRED_KEYS = Set.of("cookie", "reason");

    private CookieCodec() {}

    /**
     * The result of a tolerant load: every entry that parsed, and one line per skipped entry.
     *
     * @param snapshot the entries that parsed, in file order
     * @param problems why entries were skipped, e.g. {@code "cookie_array[2]: Invalid cookie format"}
     */
    public record Loaded(PoolSnapshot snapshot, List<String> problems) {
        /** Copies the list. */
        public Loaded {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Reads both arrays entry by entry; a malformed entry is logged and skipped and the rest load. Either
     * argument may be null or missing (no entries); a non-array is reported and ignored.
     */
    public static Loaded decodeAll(JsonNode cookieArray, JsonNode wastedCookie) {
        List<String> problems = new ArrayList<>();
        List<CookieStatus> cookies = new ArrayList<>();
        List<RetiredCookie> retired = new ArrayList<>();
        forEachEntry(COOKIE_ARRAY, cookieArray, problems, node -> cookies.add(decode(node)));
        forEachEntry(WASTED_COOKIE, wastedCookie, problems, node -> retired.add(decodeRetired(node)));
        problems.forEach(p -> LOG.warn("Skipping a malformed cookie entry: {}", p));
        return new Loaded(new PoolSnapshot(cookies, retired), problems);
    }

    /** The two arrays of {@code snapshot} under the keys {@link #COOKIE_ARRAY} and {@link #WASTED_COOKIE}. */
    public static ObjectNode encodeAll(PoolSnapshot snapshot) {
        ObjectNode out = NODES.objectNode();
        ArrayNode cookies = out.putArray(COOKIE_ARRAY);
        snapshot.cookies().forEach(c -> cookies.add(encode(c)));
        ArrayNode wasted = out.putArray(WASTED_COOKIE);
        snapshot.retired().forEach(r -> wasted.add(encode(r)));
        return out;
    }

    /** One {@code [[cookie_array]]} entry. */
    public static ObjectNode encode(CookieStatus status) {
        ObjectNode out = NODES.objectNode();
        out.put("cookie", status.cookie().value());
        status.token().ifPresent(t -> out.set("token", encodeToken(t)));
        status.resetTime().ifPresent(t -> out.put("reset_time", t.getEpochSecond()));
        status.countTokensAllowed().ifPresent(b -> out.put("count_tokens_allowed", b));
        for (UsageWindow w : UsageWindow.values()) {
            out.set(w.key() + "_usage", encodeUsage(status.usage(w)));
        }
        out.set("lifetime_usage", encodeUsage(status.lifetimeUsage()));
        for (UsageWindow w : UsageWindow.values()) {
            status.resetsAt(w).ifPresent(t -> out.put(w.key() + "_resets_at", t.getEpochSecond()));
        }
        status.resetsLastCheckedAt().ifPresent(t -> out.put("resets_last_checked_at", t.getEpochSecond()));
        for (UsageWindow w : UsageWindow.values()) {
            status.hasReset(w).ifPresent(b -> out.put(w.key() + "_has_reset", b));
        }
        // Written only when set, so files stay loadable by versions that do not know them.
        if (status.disabled()) {
            out.put("disabled", true);
        }
        if (status.codeUnusable()) {
            out.put("code_unusable", true);
        }
        addUnknown(out, status.unknownFields());
        return out;
    }

    /** Parses one {@code [[cookie_array]]} entry. */
    public static CookieStatus decode(JsonNode node) {
        requireObject(node);
        CookieStatus.Builder b = CookieStatus.builder(cookieOf(node));
        ObjectNode unknown = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (!apply(b, key, value)) {
                unknown.set(key, value.deepCopy());
            }
        }
        return b.unknownFields(unknown).build();
    }

    /** One {@code [[wasted_cookie]]} entry: {@code {cookie, reason}}. */
    public static ObjectNode encode(RetiredCookie retired) {
        ObjectNode out = NODES.objectNode();
        out.put("cookie", retired.cookie().value());
        out.set("reason", retired.reason().toJson());
        addUnknown(out, retired.unknownFields());
        return out;
    }

    /** Parses one {@code [[wasted_cookie]]} entry. */
    public static RetiredCookie decodeRetired(JsonNode node) {
        requireObject(node);
        ClewdrCookie cookie = cookieOf(node);
        Reason reason = Reason.fromJson(node.get("reason"));
        ObjectNode unknown = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!RETIRED_KEYS.contains(field.getKey())) {
                unknown.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        return new RetiredCookie(cookie, reason, unknown);
    }

    /** The on-disk token: integer {@code expires_in}, float {@code expires_at}, {@code organization.uuid}. */
    public static ObjectNode encodeToken(OAuthToken token) {
        ObjectNode out = NODES.objectNode();
        out.put("access_token", token.accessToken());
        out.put("expires_in", token.expiresIn().toSeconds());
        out.put("refresh_token", token.refreshToken());
        Instant at = token.expiresAt();
        out.put(
                "expires_at",
                BigDecimal.valueOf(at.getEpochSecond())
                        .add(BigDecimal.valueOf(at.getNano(), 9))
                        .doubleValue());
        out.putObject("organization").put("uuid", token.organizationUuid());
        return out;
    }

    /** Parses a token; {@code expires_at} may be an integer or a float, a missing refresh token is empty. */
    public static OAuthToken decodeToken(JsonNode node) {
        requireObject(node);
        String access = requiredString(node, "access_token");
        long expiresIn =
                node.path("expires_in").isNumber() ? node.get("expires_in").asLong() : 0;
        String refresh = node.path("refresh_token").isString()
                ? node.get("refresh_token").stringValue()
                : "";
        JsonNode at = node.get("expires_at");
        if (at == null || !at.isNumber()) {
            throw new IllegalArgumentException("token.expires_at: expected epoch seconds");
        }
        BigDecimal seconds = at.decimalValue();
        long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        int nanos =
                seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        String org = node.path("organization").path("uuid").isString()
                ? node.path("organization").path("uuid").stringValue()
                : "";
        return new OAuthToken(access, Duration.ofSeconds(expiresIn), refresh, Instant.ofEpochSecond(whole, nanos), org);
    }

    /** A usage bucket as its six named counters. */
    static ObjectNode encodeUsage(UsageBreakdown u) {
        ObjectNode out = NODES.objectNode();
        out.put("total_input_tokens", u.totalInputTokens());
        out.put("total_output_tokens", u.totalOutputTokens());
        out.put("sonnet_input_tokens", u.sonnetInputTokens());
        out.put("sonnet_output_tokens", u.sonnetOutputTokens());
        out.put("opus_input_tokens", u.opusInputTokens());
        out.put("opus_output_tokens", u.opusOutputTokens());
        return out;
    }

    /** A usage bucket; missing counters are zero, values beyond a long saturate. */
    static UsageBreakdown decodeUsage(JsonNode node) {
        requireObject(node);
        return new UsageBreakdown(
                counter(node, "total_input_tokens"),
                counter(node, "total_output_tokens"),
                counter(node, "sonnet_input_tokens"),
                counter(node, "sonnet_output_tokens"),
                counter(node, "opus_input_tokens"),
                counter(node, "opus_output_tokens"));
    }

    /** Applies one known field to the builder; false when the key is unknown. */
    private static boolean apply(CookieStatus.Builder b, String key, JsonNode value) {
        switch (key) {
            case "cookie" -> {}
            case "token" -> b.token(value.isNull() ? null : decodeToken(value));
            case "reset_time" -> b.resetTime(epoch(key, value));
            case "count_tokens_allowed" -> b.countTokensAllowed(bool(key, value));
            case "lifetime_usage" -> b.lifetimeUsage(decodeUsage(value));
            case "resets_last_checked_at" -> b.resetsLastCheckedAt(epoch(key, value));
            case "disabled" -> b.disabled(Boolean.TRUE.equals(bool(key, value)));
            case "code_unusable" -> b.codeUnusable(Boolean.TRUE.equals(bool(key, value)));
            default -> {
                return applyWindowField(b, key, value);
            }
        }
        return true;
    }

    private static boolean applyWindowField(CookieStatus.Builder b, String key, JsonNode value) {
        for (UsageWindow w : UsageWindow.values()) {
            if (key.equals(w.key() + "_usage")) {
                b.usage(w, decodeUsage(value));
                return true;
            }
            if (key.equals(w.key() + "_resets_at")) {
                b.resetsAt(w, epoch(key, value));
                return true;
            }
            if (key.equals(w.key() + "_has_reset")) {
                b.hasReset(w, bool(key, value));
                return true;
            }
        }
        return false;
    }

    private static void forEachEntry(
            String name, JsonNode array, List<String> problems, java.util.function.Consumer<JsonNode> decoder) {
        if (array == null || array.isMissingNode() || array.isNull()) {
            return;
        }
        if (!array.isArray()) {
            problems.add(name + ": not an array, ignored");
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            try {
                decoder.accept(array.get(i));
            } catch (RuntimeException e) {
                // Our own messages never contain the cookie; the exception class is enough otherwise.
                String why = e instanceof IllegalArgumentException
                        ? e.getMessage()
                        : e.getClass().getSimpleName();
                problems.add(name + "[" + i + "]: " + why);
            }
        }
    }

    private static ClewdrCookie cookieOf(JsonNode node) {
        return ClewdrCookie.from(requiredString(node, "cookie"));
    }

    private static void addUnknown(ObjectNode out, ObjectNode unknown) {
        for (Map.Entry<String, JsonNode> field : unknown.properties()) {
            if (!out.has(field.getKey())) {
                out.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void requireObject(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a table");
        }
    }

    private static String requiredString(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException(key + ": expected a string");
        }
        return value.stringValue();
    }

    private static Instant epoch(String key, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(key + ": expected epoch seconds");
        }
        return Instant.ofEpochSecond(value.isIntegralNumber() ? value.asLong() : (long) Math.floor(value.asDouble()));
    }

    private static Boolean bool(String key, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(key + ": expected true or false");
        }
        return value.booleanValue();
    }

    private static long counter(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber() || value.asDouble() < 0) {
            throw new IllegalArgumentException(key + ": expected a non-negative integer");
        }
        return value.canConvertToLong() ? value.asLong() : Long.MAX_VALUE;
    }
}
