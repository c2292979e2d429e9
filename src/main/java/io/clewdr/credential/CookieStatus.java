package io.clewdr.credential;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything known about one cookie: its cached OAuth token, cooldown, usage buckets and window
 * boundaries, and the user's {@code disabled} flag. Immutable: change it with {@link #toBuilder()}.
 *
 * <p>Equality compares every field; the identity of a cookie in the pool is {@link #cookie()}.
 * Unknown fields read from disk are kept so that they survive a round trip.
 */
public final class CookieStatus {

    private static final int WINDOWS = UsageWindow.values().length;

    private final ClewdrCookie cookie;
    private final OAuthToken token;
    private final Instant resetTime;
    private final Boolean countTokensAllowed;
    private final UsageBreakdown[] usage;
    private final UsageBreakdown lifetimeUsage;
    private final Instant[] resetsAt;
    private final Boolean[] hasReset;
    private final Instant resetsLastCheckedAt;
    private final boolean disabled;
    private final boolean codeUnusable;
    private final ObjectNode unknownFields;

    private CookieStatus(Builder b) {
        this.cookie = Objects.requireNonNull(b.cookie, "cookie");
        this.token = b.token;
        this.resetTime = b.resetTime;
        this.countTokensAllowed = b.countTokensAllowed;
        this.usage = b.usage.clone();
        this.lifetimeUsage = b.lifetimeUsage;
        this.resetsAt = b.resetsAt.clone();
        this.hasReset = b.hasReset.clone();
        this.resetsLastCheckedAt = b.resetsLastCheckedAt;
        this.disabled = b.disabled;
        this.codeUnusable = b.codeUnusable;
        this.unknownFields = b.unknownFields.deepCopy();
    }

    /** A fresh record for a newly submitted cookie: no token, no cooldown, zero usage. */
    public static CookieStatus of(ClewdrCookie cookie) {
        return builder(cookie).build();
    }

    /** A builder starting from a fresh record for {@code cookie}. */
    public static Builder builder(ClewdrCookie cookie) {
        return new Builder(cookie);
    }

    /** A builder holding every field of this record. */
    public Builder toBuilder() {
        Builder b = new Builder(cookie);
        b.token = token;
        b.resetTime = resetTime;
        b.countTokensAllowed = countTokensAllowed;
        b.usage = usage.clone();
        b.lifetimeUsage = lifetimeUsage;
        b.resetsAt = resetsAt.clone();
        b.hasReset = hasReset.clone();
        b.resetsLastCheckedAt = resetsLastCheckedAt;
        b.disabled = disabled;
        b.codeUnusable = codeUnusable;
        b.unknownFields = unknownFields.deepCopy();
        return b;
    }

    /** The cookie this record describes. */
    public ClewdrCookie cookie() {
        return cookie;
    }

    /** The cached OAuth token, if one was minted. */
    public Optional<OAuthToken> token() {
        return Optional.ofNullable(token);
    }

    /** When the cooldown ends, while the cookie is parked. */
    public Optional<Instant> resetTime() {
        return Optional.ofNullable(resetTime);
    }

    /** Whether the Anthropic count_tokens API works for this account; empty while unknown. */
    public Optional<Boolean> countTokensAllowed() {
        return Optional.ofNullable(countTokensAllowed);
    }

    /** The usage bucket of {@code window}. */
    public UsageBreakdown usage(UsageWindow window) {
        return usage[window.ordinal()];
    }

    /** Usage since the cookie was added; never zeroed. */
    public UsageBreakdown lifetimeUsage() {
        return lifetimeUsage;
    }

    /** The boundary of {@code window} learned from the usage API. */
    public Optional<Instant> resetsAt(UsageWindow window) {
        return Optional.ofNullable(resetsAt[window.ordinal()]);
    }

    /** Tri-state: empty = unknown, true = track this window, false = the subscription has no such window. */
    public Optional<Boolean> hasReset(UsageWindow window) {
        return Optional.ofNullable(hasReset[window.ordinal()]);
    }

    /** When the window boundaries were last probed. */
    public Optional<Instant> resetsLastCheckedAt() {
        return Optional.ofNullable(resetsLastCheckedAt);
    }

    /** Set by the user: the cookie is kept but never leased. */
    public boolean disabled() {
        return disabled;
    }

    /** A free account: unusable for Claude Code, still usable on the web path. */
    public boolean codeUnusable() {
        return codeUnusable;
    }

    /** A copy of the fields read from disk that this version does not know. */
    public ObjectNode unknownFields() {
        return unknownFields.deepCopy();
    }

    /** This record with the session and weekly buckets zeroed (what parking and a reset do). */
    CookieStatus withWindowsZeroed() {
        Builder b = toBuilder();
        Arrays.fill(b.usage, UsageBreakdown.ZERO);
        return b.build();
    }

    /** This record with one exchange added to lifetime and to every window that counts the family. */
    CookieStatus withUsage(ModelFamily family, long input, long output) {
        Builder b = toBuilder();
        for (UsageWindow w : UsageWindow.values()) {
            if (w.counts(family)) {
                b.usage[w.ordinal()] = usage[w.ordinal()].add(input, output, family);
            }
        }
        b.lifetimeUsage = lifetimeUsage.add(input, output, family);
        return b.build();
    }

    /**
     * Rolls every tracked window whose boundary has passed: zero its bucket and move the boundary to
     * {@code now} + the window length. Returns {@code this} when nothing was due.
     */
    CookieStatus rolledOver(Instant now) {
        Builder b = null;
        for (UsageWindow w : UsageWindow.values()) {
            Instant at = resetsAt[w.ordinal()];
            if (w.rolls() && Boolean.TRUE.equals(hasReset[w.ordinal()]) && at != null && !now.isBefore(at)) {
                b = b == null ? toBuilder() : b;
                b.usage[w.ordinal()] = UsageBreakdown.ZERO;
                b.resetsAt[w.ordinal()] = now.plus(w.length());
            }
        }
        return b == null ? this : b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CookieStatus s
                && cookie.equals(s.cookie)
                && Objects.equals(token, s.token)
                && Objects.equals(resetTime, s.resetTime)
                && Objects.equals(countTokensAllowed, s.countTokensAllowed)
                && Arrays.equals(usage, s.usage)
                && lifetimeUsage.equals(s.lifetimeUsage)
                && Arrays.equals(resetsAt, s.resetsAt)
                && Arrays.equals(hasReset, s.hasReset)
                && Objects.equals(resetsLastCheckedAt, s.resetsLastCheckedAt)
                && disabled == s.disabled
                && codeUnusable == s.codeUnusable
                && unknownFields.equals(s.unknownFields);
    }

    @Override
    public int hashCode() {
        return cookie.hashCode();
    }

    /** Masked: the cookie prefix and the state, never a token. */
    @Override
    public String toString() {
        return "CookieStatus[" + cookie.masked() + (resetTime != null ? ", resets " + resetTime : "")
                + (disabled ? ", disabled" : "") + (token != null ? ", token" : "") + "]";
    }

    /** Builds a {@link CookieStatus}; every optional field starts absent, every bucket zero. */
    public static final class Builder {
        private ClewdrCookie cookie;
        private OAuthToken token;
        private Instant resetTime;
        private Boolean countTokensAllowed;
        private UsageBreakdown[] usage = filled(new UsageBreakdown[WINDOWS], UsageBreakdown.ZERO);
        private UsageBreakdown lifetimeUsage = UsageBreakdown.ZERO;
        private Instant[] resetsAt = new Instant[WINDOWS];
        private Boolean[] hasReset = new Boolean[WINDOWS];
        private Instant resetsLastCheckedAt;
        private boolean disabled;
        private boolean codeUnusable;
        private ObjectNode unknownFields = JsonNodeFactory.instance.objectNode();

        private Builder(ClewdrCookie cookie) {
            this.cookie = Objects.requireNonNull(cookie, "cookie");
        }

        /** Sets or clears (null) the cached token. */
        public Builder token(OAuthToken value) {
            this.token = value;
            return this;
        }

        /** Sets or clears (null) the cooldown end. */
        public Builder resetTime(Instant value) {
            this.resetTime = value;
            return this;
        }

        /** Sets or clears (null) the count_tokens tri-state. */
        public Builder countTokensAllowed(Boolean value) {
            this.countTokensAllowed = value;
            return this;
        }

        /** Sets the bucket of {@code window}. */
        public Builder usage(UsageWindow window, UsageBreakdown value) {
            usage[window.ordinal()] = Objects.requireNonNull(value, "value");
            return this;
        }

        /** Sets the lifetime bucket. */
        public Builder lifetimeUsage(UsageBreakdown value) {
            this.lifetimeUsage = Objects.requireNonNull(value, "value");
            return this;
        }

        /** Sets or clears (null) the boundary of {@code window}. */
        public Builder resetsAt(UsageWindow window, Instant value) {
            resetsAt[window.ordinal()] = value;
            return this;
        }

        /** Sets or clears (null) the has-reset tri-state of {@code window}. */
        public Builder hasReset(UsageWindow window, Boolean value) {
            hasReset[window.ordinal()] = value;
            return this;
        }

        /** Sets or clears (null) the last probe time. */
        public Builder resetsLastCheckedAt(Instant value) {
            this.resetsLastCheckedAt = value;
            return this;
        }

        /** Sets the user's disabled flag. */
        public Builder disabled(boolean value) {
            this.disabled = value;
            return this;
        }

        /** Sets the Claude-Code-unusable flag. */
        public Builder codeUnusable(boolean value) {
            this.codeUnusable = value;
            return this;
        }

        /** Replaces the fields kept from disk that this version does not know. */
        public Builder unknownFields(ObjectNode value) {
            this.unknownFields = Objects.requireNonNull(value, "value").deepCopy();
            return this;
        }

        /** The immutable record. */
        public CookieStatus build() {
            return new CookieStatus(this);
        }

        private static <T> T[] filled(T[] array, T value) {
            Arrays.fill(array, value);
            return array;
        }
    }
}
