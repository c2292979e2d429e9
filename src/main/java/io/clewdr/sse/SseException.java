package io.clewdr.sse;

/** The byte stream cannot be decoded as Server-Sent Events (for example a line is over the limit). */
public final class SseException extends RuntimeException {

    /** Creates the exception with a message that says what was wrong with the stream. */
    public SseException(String message) {
        super(message);
    }
}
