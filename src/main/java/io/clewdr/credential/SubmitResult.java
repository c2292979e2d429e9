package io.clewdr.credential;

/** What {@link CookiePool#submit} did. */
public enum SubmitResult {
    /** The cookie was new; it is now valid and saved. */
    ADDED,
    /** The cookie was already known in some state; nothing changed. */
    DUPLICATE
}
