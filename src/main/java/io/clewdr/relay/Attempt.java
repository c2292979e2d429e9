package io.clewdr.relay;

import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.Outcome;
import io.clewdr.server.HttpError;

/**
 * One try of a request with one credential.
 *
 * @param <T> what a successful try produces
 */
@FunctionalInterface
interface Attempt<T> {
    /**
     * Runs the try. Blocking is fine: it runs on the request's virtual thread.
     *
     * @param cookie the leased cookie
     * @return what happened
     * @throws InterruptedException if the request was abandoned
     */
    Result<T> run(CookieStatus cookie) throws InterruptedException;

    /**
     * What one try produced.
     *
     * @param <T> the success value
     */
    sealed interface Result<T> {
        /**
         * Success; nothing is retried after this (the response may already be streaming).
         *
         * @param value the value
         * @param <T> the value type
         */
        record Done<T>(T value) implements Result<T> {}

        /**
         * A failure another credential may not have: the outcome goes to the pool and the loop
         * tries again; the error is what the client gets if no try succeeds.
         *
         * @param outcome what the pool learns
         * @param error the error for the client
         * @param <T> the value type
         */
        record Retry<T>(Outcome outcome, HttpError error) implements Result<T> {}

        /**
         * A failure no retry can fix (a bad request, a blocked IP): answered at once.
         *
         * @param outcome what the pool learns
         * @param error the error for the client
         * @param <T> the value type
         */
        record Fail<T>(Outcome outcome, HttpError error) implements Result<T> {}
    }
}
