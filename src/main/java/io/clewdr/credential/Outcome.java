package io.clewdr.credential;

import java.time.Instant;
import java.util.Objects;

/**
 * What a provider learned about a cookie from one upstream call; {@link CookiePool#report} turns it
 * into a state change. Expected upstream results are values, never exceptions.
 */
public sealed interface Outcome {

    /** The call worked. No state change. */
    record Success() implements Outcome {}

    /**
     * The account is rate limited: park the cookie until {@code until}.
     *
     * @param until when the limit resets
     */
    record RateLimited(Instant until) implements Outcome {
        /** Rejects a null time. */
        public RateLimited {
            Objects.requireNonNull(until, "until");
        }
    }

    /**
     * The account carries a restriction or warning flag: park the cookie until {@code until}.
     *
     * @param until when the flag expires
     */
    record Restricted(Instant until) implements Outcome {
        /** Rejects a null time. */
        public Restricted {
            Objects.requireNonNull(until, "until");
        }
    }

    /**
     * The account is unusable: Free, Disabled, Banned and Null retire the cookie; NormalPro changes
     * nothing; a timed reason parks it like {@link RateLimited} / {@link Restricted}.
     *
     * @param reason what the upstream said
     */
    record Invalid(Reason reason) implements Outcome {
        /** Rejects a null reason. */
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A failure that says nothing about the cookie (network error, 5xx, overload). No state change.
     *
     * @param why a short description for logs, free of secrets
     */
    record Transient(String why) implements Outcome {
        /** Rejects a null description. */
        public Transient {
            Objects.requireNonNull(why, "why");
        }
    }

    /** The client went away before the call finished. No state change. */
    record Cancelled() implements Outcome {}
}
