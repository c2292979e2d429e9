package io.clewdr.credential;

/**
 * What {@link CookiePool#reconcile} changed.
 *
 * @param added cookies that were only in the reloaded file
 * @param removed cookies that were no longer in it
 */
public record Reconciled(int added, int removed) {}
