package io.clewdr.provider.claudecode;

import io.clewdr.provider.Opened;

/**
 * The value of one step of the token dance, or the failure that ends the attempt. Expected upstream
 * failures are values here, as everywhere in the providers.
 *
 * @param <T> the value of a successful step
 */
sealed interface Result<T> {

    /**
     * The step worked.
     *
     * @param value what it produced
     * @param <T> the value type
     */
    record Ok<T>(T value) implements Result<T> {}

    /**
     * The step failed; the attempt ends with this failure.
     *
     * @param failure what the pool learns and the client is told
     * @param <T> the value type of the step that failed
     */
    record Err<T>(Opened.Failed failure) implements Result<T> {}

    /** A success. */
    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    /** A failure. */
    static <T> Result<T> err(Opened.Failed failure) {
        return new Err<>(failure);
    }
}
