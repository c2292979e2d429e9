package io.clewdr.provider.claudeweb;

/**
 * The request has no message with any text for Claude.ai; the original answers {@code 400} with
 * {@code "Request body is empty"} (clewdr-behaviour.md §5.8).
 */
public final class EmptyRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The exception with the message clients of the original see. */
    public EmptyRequestException() {
        super("Request body is empty");
    }
}
