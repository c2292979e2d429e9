package io.clewdr.credential;

import tools.jackson.databind.JsonNode;

/**
 * What the OAuth (or web) usage endpoint said about one account, for the admin listing: per window a
 * utilisation percentage and the raw {@code resets_at} string.
 *
 * @param session the {@code five_hour} window
 * @param sevenDay the {@code seven_day} window
 * @param sevenDaySonnet the {@code seven_day_sonnet} window
 */
public record UsageProbe(Window session, Window sevenDay, Window sevenDaySonnet) {

    /**
     * One window of the usage response.
     *
     * @param utilization percent used; 0 when the API gave none
     * @param resetsAt the RFC 3339 boundary exactly as the API gave it, or null
     */
    public record Window(double utilization, String resetsAt) {
        /** A window the response did not contain. */
        public static final Window ABSENT = new Window(0, null);

        /** The utilisation as an integer percentage, rounded. */
        public long percent() {
            return Math.round(utilization);
        }

        static Window fromJson(JsonNode node) {
            if (node == null || !node.isObject()) {
                return ABSENT;
            }
            JsonNode u = node.get("utilization");
            JsonNode r = node.get("resets_at");
            return new Window(
                    u != null && u.isNumber() ? u.asDouble() : 0, r != null && r.isString() ? r.stringValue() : null);
        }
    }

    /** Rejects nulls. */
    public UsageProbe {
        java.util.Objects.requireNonNull(session, "session");
        java.util.Objects.requireNonNull(sevenDay, "sevenDay");
        java.util.Objects.requireNonNull(sevenDaySonnet, "sevenDaySonnet");
    }

    /** Reads the usage endpoint's body: {@code five_hour}, {@code seven_day}, {@code seven_day_sonnet}. */
    public static UsageProbe fromJson(JsonNode body) {
        return new UsageProbe(
                Window.fromJson(body.get("five_hour")),
                Window.fromJson(body.get("seven_day")),
                Window.fromJson(body.get("seven_day_sonnet")));
    }
}
