package io.clewdr.relay;

import io.clewdr.credential.ClewdrCookie;
import io.clewdr.credential.CookieStatus;
import io.clewdr.provider.Opened;
import io.clewdr.upstream.UpstreamResponse;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The Claude Code backend as the relay sees it. */
public interface CodeBackend {
    /**
     * Sends one Messages call with one cookie's OAuth token (minted or refreshed as needed).
     *
     * @param cookie the cookie
     * @param body the shaped request body
     * @param clientBetas the client's {@code anthropic-beta} header values
     * @param stream whether the client streams
     * @param onSuccess for an answer that is not streamed: sees a 2xx response on the event loop as
     *     soon as its whole body is in, before this method returns (it may answer the client from
     *     there); must not block. Null for none.
     * @return the accepted response (body unread) or a classified failure
     * @throws InterruptedException if the request was abandoned
     */
    Opened messages(
            CookieStatus cookie,
            byte[] body,
            List<String> clientBetas,
            boolean stream,
            @Nullable Consumer<UpstreamResponse> onSuccess)
            throws InterruptedException;

    /**
     * Sends one count_tokens call. A failure with outcome {@code Success} and status 403 or 404 means
     * the account cannot count; the relay answers with its local estimate.
     *
     * @param cookie the cookie
     * @param body the shaped request body
     * @param clientBetas the client's {@code anthropic-beta} header values
     * @return the accepted response or a classified failure
     * @throws InterruptedException if the request was abandoned
     */
    Opened countTokens(CookieStatus cookie, byte[] body, List<String> clientBetas) throws InterruptedException;

    /**
     * Called after each exchange: refreshes the cookie's quota windows in the background when due,
     * never delaying the response.
     *
     * @param cookie the cookie that served
     */
    void afterExchange(ClewdrCookie cookie);
}
