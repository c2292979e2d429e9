package io.clewdr.credential;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Why a cookie is unusable, as learned from Claude.ai. The JSON form is serde's externally tagged
 * encoding, so existing {@code clewdr.toml} files load: unit variants are strings ({@code "Free"}),
 * timed ones single-key objects ({@code {"TooManyRequest":1785087657}}).
 */
public sealed interface Reason {

    /** An account without any flag; the pool ignores it. */
    record NormalPro() implements Reason {}

    /** A free account (written by older versions as {@code "NonPro"}). */
    record Free() implements Reason {}

    /** The organization was disabled. */
    record Disabled() implements Reason {}

    /** The account is banned. */
    record Banned() implements Reason {}

    /** The cookie is no longer accepted (logged out, revoked, no account). */
    record Null() implements Reason {}

    /**
     * A restriction or warning flag active until the given time.
     *
     * @param epochSeconds when the flag expires
     */
    record Restricted(long epochSeconds) implements Reason {}

    /**
     * Rate limited until the given time.
     *
     * @param epochSeconds when the limit resets
     */
    record TooManyRequest(long epochSeconds) implements Reason {}

    /** Parses the serde encoding; accepts the legacy {@code "NonPro"} for {@link Free}. */
    static Reason fromJson(JsonNode node) {
        if (node != null && node.isString()) {
            return switch (node.stringValue()) {
                case "NormalPro" -> new NormalPro();
                case "Free", "NonPro" -> new Free();
                case "Disabled" -> new Disabled();
                case "Banned" -> new Banned();
                case "Null" -> new Null();
                default -> throw new IllegalArgumentException("reason: unknown variant " + node.stringValue());
            };
        }
        if (node != null && node.isObject() && node.size() == 1) {
            String tag = node.propertyNames().iterator().next();
            JsonNode at = node.get(tag);
            if (!at.isNumber() || !at.canConvertToLong()) {
                throw new IllegalArgumentException("reason: " + tag + " needs epoch seconds");
            }
            return switch (tag) {
                case "Restricted" -> new Restricted(at.asLong());
                case "TooManyRequest" -> new TooManyRequest(at.asLong());
                default -> throw new IllegalArgumentException("reason: unknown variant " + tag);
            };
        }
        throw new IllegalArgumentException("reason: expected a string or a single-key object");
    }

    /** The serde encoding of this reason. */
    default JsonNode toJson() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (this) {
            case NormalPro r -> nodes.stringNode("NormalPro");
            case Free r -> nodes.stringNode("Free");
            case Disabled r -> nodes.stringNode("Disabled");
            case Banned r -> nodes.stringNode("Banned");
            case Null r -> nodes.stringNode("Null");
            case Restricted r -> timed(nodes, "Restricted", r.epochSeconds());
            case TooManyRequest r -> timed(nodes, "TooManyRequest", r.epochSeconds());
        };
    }

    /** The human-readable text shown in logs and the dashboard. */
    default String displayText() {
        return switch (this) {
            case NormalPro r -> "Normal Pro account";
            case Free r -> "Free account";
            case Disabled r -> "Organization Disabled";
            case Banned r -> "Banned";
            case Null r -> "Null";
            case Restricted r -> "Restricted/Warning: until UTC " + utc(r.epochSeconds());
            case TooManyRequest r -> "429 Too many request: until UTC " + utc(r.epochSeconds());
        };
    }

    /** True for the reasons that retire a cookie for good: Free, Disabled, Banned and Null. */
    default boolean retires() {
        return this instanceof Free || this instanceof Disabled || this instanceof Banned || this instanceof Null;
    }

    private static ObjectNode timed(JsonNodeFactory nodes, String tag, long epochSeconds) {
        ObjectNode object = nodes.objectNode();
        object.put(tag, epochSeconds);
        return object;
    }

    /** UTC {@code YYYY-MM-DD HH:MM:SS}; display texts are rare, so a formatter per call is fine. */
    private static String utc(long epochSeconds) {
        return DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochSecond(epochSeconds));
    }
}
