package io.clewdr.credential;

/**
 * Thrown when a string is not a Claude.ai session cookie. The message never contains the input, which
 * may be a secret.
 */
public final class InvalidCookieException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidCookieException() {
        super("Invalid cookie format");
    }
}
