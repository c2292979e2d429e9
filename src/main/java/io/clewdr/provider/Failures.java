package io.clewdr.provider;

import io.clewdr.credential.Outcome;
import io.clewdr.credential.Reason;
import io.clewdr.upstream.UpstreamConnectException;
import io.clewdr.upstream.UpstreamException;
import io.clewdr.upstream.UpstreamTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Shared rules about failures: which outcomes another credential might fix, and transport errors. */
public final class Failures {
    private Failures() {}

    /**
     * Whether trying another credential may help: cookie problems (rate limits, restrictions,
     * retired accounts) and transient failures (network, 5xx, overload) — not a bad request.
     *
     * @param outcome the outcome
     * @return whether to retry with another credential
     */
    public static boolean retryable(Outcome outcome) {
        return switch (outcome) {
            case Outcome.RateLimited r -> true;
            case Outcome.Restricted r -> true;
            case Outcome.Transient t -> true;
            case Outcome.Invalid i -> !(i.reason() instanceof Reason.NormalPro);
            default -> false;
        };
    }

    /**
     * Classifies an exception from the upstream client (connect errors, timeouts, resets).
     *
     * @param error the failure, possibly wrapped in a future's exception
     * @return a transient failure with a message for the client
     */
    public static Opened.Failed transport(Throwable error) {
        Throwable cause = unwrap(error);
        String what = switch (cause) {
            case UpstreamTimeoutException t -> "the upstream timed out (" + t.getMessage() + ")";
            case UpstreamConnectException c -> "cannot connect to the upstream (" + c.getMessage() + ")";
            case UpstreamException u -> "the upstream connection failed (" + u.getMessage() + ")";
            default -> "the upstream call failed (" + cause.getClass().getSimpleName() + ")";
        };
        int status = cause instanceof UpstreamTimeoutException ? 504 : 502;
        return new Opened.Failed(
                new Outcome.Transient(what),
                UpstreamError.of(status, status == 504 ? "timeout_error" : "api_error", what));
    }

    /**
     * The cause inside future wrappers.
     *
     * @param error the failure
     * @return the innermost meaningful cause
     */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CancellationException) {
            return t;
        }
        return t;
    }
}
