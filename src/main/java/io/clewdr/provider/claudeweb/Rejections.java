package io.clewdr.provider.claudeweb;

import io.clewdr.credential.Outcome;
import io.clewdr.credential.Reason;
import io.clewdr.provider.Opened;
import io.clewdr.provider.UpstreamError;
import java.time.Instant;

/** The failures the web backend decides itself (bootstrap checks), as opposed to classified HTTP errors. */
final class Rejections {

    private Rejections() {}

    /** The cookie is unusable for {@code reason}; the client hears {@code message} only if no other cookie works. */
    static Opened.Failed invalid(Reason reason, String message) {
        boolean auth = reason instanceof Reason.Null;
        return new Opened.Failed(
                new Outcome.Invalid(reason),
                UpstreamError.of(auth ? 401 : 403, auth ? "authentication_error" : "permission_error", message));
    }

    /** The account carries a flag the settings skip: park the cookie until the flag expires. */
    static Opened.Failed restricted(Instant until, String message) {
        return new Opened.Failed(new Outcome.Restricted(until), UpstreamError.of(403, "permission_error", message));
    }

    /**
     * Claude.ai answered something this backend cannot use (the original's {@code UnexpectedNone}):
     * the client is told, the cookie is left alone and no other cookie is tried.
     */
    static Opened.Failed unexpected(String message) {
        return new Opened.Failed(new Outcome.Success(), UpstreamError.of(502, "api_error", message));
    }
}
