package io.clewdr.credential;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of the admin cookie listing ({@code GET /api/cookies}): every field of a record with
 * {@code null} for absent ones, never the OAuth token, the reset boundaries also as RFC 3339 strings,
 * and the utilisation when a usage probe succeeded.
 */
public final class CookieListing {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CookieListing() {}

    /**
     * The whole listing: {@code valid}, {@code exhausted}, {@code disabled} and {@code invalid} arrays.
     *
     * @param probes usage probe results by cookie; cookies without one are listed un-enriched
     */
    public static ObjectNode toJson(PoolStatus status, Map<ClewdrCookie, UsageProbe> probes) {
        ObjectNode out = NODES.objectNode();
        ArrayNode valid = out.putArray("valid");
        status.valid().forEach(s -> valid.add(entry(s, probes.get(s.cookie()))));
        ArrayNode exhausted = out.putArray("exhausted");
        status.exhausted().forEach(s -> exhausted.add(entry(s, probes.get(s.cookie()))));
        ArrayNode disabled = out.putArray("disabled");
        status.disabled().forEach(s -> disabled.add(entry(s, probes.get(s.cookie()))));
        ArrayNode invalid = out.putArray("invalid");
        status.invalid().forEach(r -> invalid.add(entry(r)));
        return out;
    }

    /** One valid, exhausted or disabled cookie, enriched by {@code probe} unless it is null. */
    public static ObjectNode entry(CookieStatus s, UsageProbe probe) {
        ObjectNode out = NODES.objectNode();
        out.put("cookie", s.cookie().value());
        putEpoch(out, "reset_time", s.resetTime());
        putBool(out, "count_tokens_allowed", s.countTokensAllowed());
        for (UsageWindow w : UsageWindow.values()) {
            out.set(w.key() + "_usage", CookieCodec.encodeUsage(s.usage(w)));
        }
        out.set("lifetime_usage", CookieCodec.encodeUsage(s.lifetimeUsage()));
        for (UsageWindow w : UsageWindow.values()) {
            putEpoch(out, w.key() + "_resets_at", s.resetsAt(w));
            putBool(out, w.key() + "_has_reset", s.hasReset(w));
        }
        putEpoch(out, "resets_last_checked_at", s.resetsLastCheckedAt());
        out.put("disabled", s.disabled());
        out.put("code_unusable", s.codeUnusable());
        // The listing's own names for the boundaries, as RFC 3339; session_resets_at is overwritten.
        putRfc3339(out, "session_resets_at", s.resetsAt(UsageWindow.SESSION));
        putRfc3339(out, "seven_day_resets_at", s.resetsAt(UsageWindow.WEEKLY));
        putRfc3339(out, "seven_day_sonnet_resets_at", s.resetsAt(UsageWindow.WEEKLY_SONNET));
        if (probe != null) {
            out.put("session_utilization", probe.session().percent());
            out.put("seven_day_utilization", probe.sevenDay().percent());
            out.put("seven_day_sonnet_utilization", probe.sevenDaySonnet().percent());
            out.put("session_resets_at", probe.session().resetsAt());
            out.put("seven_day_resets_at", probe.sevenDay().resetsAt());
            out.put("seven_day_sonnet_resets_at", probe.sevenDaySonnet().resetsAt());
        }
        return out;
    }

    /** One retired cookie: {@code {"cookie":…,"reason":…}}. */
    public static ObjectNode entry(RetiredCookie r) {
        ObjectNode out = NODES.objectNode();
        out.put("cookie", r.cookie().value());
        out.set("reason", r.reason().toJson());
        return out;
    }

    /** An instant as RFC 3339 UTC with seconds precision, e.g. {@code 2026-07-26T17:40:57Z}. */
    public static String rfc3339(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    private static void putEpoch(ObjectNode out, String key, Optional<Instant> at) {
        at.ifPresentOrElse(t -> out.put(key, t.getEpochSecond()), () -> out.putNull(key));
    }

    private static void putBool(ObjectNode out, String key, Optional<Boolean> value) {
        value.ifPresentOrElse(b -> out.put(key, b), () -> out.putNull(key));
    }

    private static void putRfc3339(ObjectNode out, String key, Optional<Instant> at) {
        at.ifPresentOrElse(t -> out.put(key, rfc3339(t)), () -> out.putNull(key));
    }
}
