package io.clewdr.provider.claudecode;

import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.UsageBreakdown;
import io.clewdr.credential.UsageProbe;
import io.clewdr.credential.UsageWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The quota-window rules of clewdr-behaviour.md §7.12, pure: whether a cookie's window boundaries
 * need a probe of the usage API, and what a successful or failed probe does to the record.
 *
 * <p>A window is <i>unknown</i> while {@code has_reset} is unset, <i>tracked</i> when it is true, and
 * <i>due</i> when tracked and its {@code resets_at} has passed.
 */
final class QuotaWindows {

    /** The windows the usage API reports, in its order: {@code five_hour}, {@code seven_day}, {@code seven_day_sonnet}. */
    static final List<UsageWindow> PROBED = List.of(UsageWindow.SESSION, UsageWindow.WEEKLY, UsageWindow.WEEKLY_SONNET);

    /**
     * While the only reason to probe is an unknown window, probes are at least this far apart, so a
     * failing usage API is not called on every request (the original probed each time).
     */
    static final Duration UNKNOWN_RETRY = Duration.ofMinutes(5);

    private QuotaWindows() {}

    /** Whether any window is due, or unknown and not probed in the last {@link #UNKNOWN_RETRY}. */
    static boolean probeNeeded(CookieStatus status, Instant now) {
        boolean unknown = false;
        for (UsageWindow w : PROBED) {
            if (due(status, w, now)) {
                return true;
            }
            unknown |= status.hasReset(w).isEmpty();
        }
        return unknown
                && status.resetsLastCheckedAt()
                        .map(at -> !now.isBefore(at.plus(UNKNOWN_RETRY)))
                        .orElse(true);
    }

    /**
     * A successful probe: unknown windows become tracked when the API gave a boundary (else
     * untracked), due windows have their counter zeroed, and every tracked window takes the new
     * boundary, or stops being tracked when the API gave none.
     */
    static CookieStatus afterProbe(CookieStatus status, UsageProbe probe, Instant now) {
        CookieStatus.Builder b = status.toBuilder();
        for (UsageWindow w : PROBED) {
            Optional<Instant> given = boundary(window(probe, w));
            boolean tracked = status.hasReset(w).orElse(given.isPresent());
            if (due(status, w, now)) {
                b.usage(w, UsageBreakdown.ZERO);
            }
            if (tracked && given.isPresent()) {
                b.hasReset(w, true).resetsAt(w, given.get());
            } else {
                b.hasReset(w, false).resetsAt(w, null);
            }
        }
        return b.build();
    }

    /** A failed probe: each due window is zeroed and its boundary moved one window length past {@code now}. */
    static CookieStatus afterFailedProbe(CookieStatus status, Instant now) {
        CookieStatus.Builder b = status.toBuilder();
        for (UsageWindow w : PROBED) {
            if (due(status, w, now)) {
                b.usage(w, UsageBreakdown.ZERO).resetsAt(w, now.plus(w.length()));
            }
        }
        return b.build();
    }

    private static boolean due(CookieStatus status, UsageWindow w, Instant now) {
        return status.hasReset(w).orElse(false)
                && status.resetsAt(w).map(at -> !now.isBefore(at)).orElse(false);
    }

    private static UsageProbe.Window window(UsageProbe probe, UsageWindow w) {
        return switch (w) {
            case SESSION -> probe.session();
            case WEEKLY -> probe.sevenDay();
            case WEEKLY_SONNET -> probe.sevenDaySonnet();
            case WEEKLY_OPUS -> UsageProbe.Window.ABSENT;
        };
    }

    /** The window's RFC 3339 {@code resets_at} as an instant; an unreadable one counts as absent. */
    static Optional<Instant> boundary(UsageProbe.Window window) {
        if (window.resetsAt() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(window.resetsAt()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
