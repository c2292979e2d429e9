package io.clewdr.provider;

import io.clewdr.credential.Outcome;
import io.clewdr.upstream.UpstreamResponse;

/** The result of opening one upstream call with one credential. */
public sealed interface Opened {
    /**
     * The upstream accepted the call (2xx); its body is unread, to be streamed or aggregated.
     *
     * @param response the response
     */
    record Accepted(UpstreamResponse response) implements Opened {}

    /**
     * The call failed; the outcome goes to the pool and decides whether another credential is tried.
     *
     * @param outcome what the pool learns
     * @param error what the client is told if no other try succeeds
     */
    record Failed(Outcome outcome, UpstreamError error) implements Opened {
        /** @return whether another credential may succeed where this one failed */
        public boolean retryable() {
            return Failures.retryable(outcome);
        }
    }
}
