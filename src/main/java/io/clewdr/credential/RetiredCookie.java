package io.clewdr.credential;

import java.util.Objects;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cookie retired for good (the {@code [[wasted_cookie]]} entries), with why.
 *
 * @param cookie the cookie
 * @param reason why it was retired
 * @param unknownFields fields read from disk that this version does not know, kept for the round trip
 */
public record RetiredCookie(ClewdrCookie cookie, Reason reason, ObjectNode unknownFields) {

    /** Rejects nulls and copies the unknown fields. */
    public RetiredCookie {
        Objects.requireNonNull(cookie, "cookie");
        Objects.requireNonNull(reason, "reason");
        unknownFields = Objects.requireNonNull(unknownFields, "unknownFields").deepCopy();
    }

    /** A retired cookie without extra fields. */
    public static RetiredCookie of(ClewdrCookie cookie, Reason reason) {
        return new RetiredCookie(cookie, reason, JsonNodeFactory.instance.objectNode());
    }

    /** A copy of the unknown fields (the record itself stays immutable). */
    @Override
    public ObjectNode unknownFields() {
        return unknownFields.deepCopy();
    }
}
