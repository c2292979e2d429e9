package io.clewdr.relay;

import io.clewdr.credential.CookieStatus;
import io.clewdr.provider.Opened;
import tools.jackson.databind.node.ObjectNode;

/** The Claude.ai web backend as the relay sees it: open one completion with one cookie. */
@FunctionalInterface
public interface WebBackend {
    /**
     * Runs the web call sequence for one cookie up to the completion, whose body is left unread.
     *
     * @param cookie the cookie
     * @param request the normalised Anthropic request
     * @param stream whether the client streams (decides the rendering mode)
     * @return the accepted completion or a classified failure
     * @throws InterruptedException if the request was abandoned
     */
    Opened open(CookieStatus cookie, ObjectNode request, boolean stream) throws InterruptedException;
}
