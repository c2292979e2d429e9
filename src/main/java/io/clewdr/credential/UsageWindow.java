package io.clewdr.credential;

import java.time.Duration;

/**
 * The rolling quota windows a cookie tracks, each with a usage bucket, an optional reset boundary and
 * a tri-state "has reset" flag. The names give the on-disk keys: {@code <key>_usage},
 * {@code <key>_resets_at}, {@code <key>_has_reset}.
 */
public enum UsageWindow {
    /** The five-hour session window. */
    SESSION("session", Duration.ofHours(5), true),
    /** The seven-day window. */
    WEEKLY("weekly", Duration.ofDays(7), true),
    /** The seven-day Sonnet window. */
    WEEKLY_SONNET("weekly_sonnet", Duration.ofDays(7), true),
    /** The seven-day Opus window: kept on disk, but no longer rolled over (Opus quota tracking was removed). */
    WEEKLY_OPUS("weekly_opus", Duration.ofDays(7), false);

    private final String key;
    private final Duration length;
    private final boolean rolls;

    UsageWindow(String key, Duration length, boolean rolls) {
        this.key = key;
        this.length = length;
        this.rolls = rolls;
    }

    /** The on-disk key prefix, e.g. {@code weekly_sonnet}. */
    public String key() {
        return key;
    }

    /** How long the window lasts once it has reset. */
    public Duration length() {
        return length;
    }

    /** Whether the pool's ticker rolls this window over when its boundary passes. */
    public boolean rolls() {
        return rolls;
    }

    /** Whether an exchange with a model of {@code family} counts in this window. */
    boolean counts(ModelFamily family) {
        return switch (this) {
            case SESSION, WEEKLY -> true;
            case WEEKLY_SONNET -> family == ModelFamily.SONNET;
            case WEEKLY_OPUS -> family == ModelFamily.OPUS;
        };
    }
}
