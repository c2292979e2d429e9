package io.clewdr.admin;

import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.UsageProbe;
import java.util.Optional;

/** Where the cookie listing learns a cookie's quota use (the OAuth usage API, else the web one). */
@FunctionalInterface
public interface UsageSource {
    /**
     * Probes one cookie's usage windows.
     *
     * @param cookie the cookie
     * @return the usage, or empty when no source could tell
     * @throws InterruptedException if the listing was abandoned
     */
    Optional<UsageProbe> probe(CookieStatus cookie) throws InterruptedException;

    /** @return a source that knows nothing (no backend can probe) */
    static UsageSource none() {
        return cookie -> Optional.empty();
    }
}
