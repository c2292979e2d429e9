package io.clewdr.credential;

/** A save of the cookie pool failed; the message names the cause, never a secret. */
public final class CredentialStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with a message and its cause. */
    public CredentialStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure with a message only. */
    public CredentialStoreException(String message) {
        super(message);
    }
}
