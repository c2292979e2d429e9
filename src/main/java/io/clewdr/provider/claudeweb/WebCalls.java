package io.clewdr.provider.claudeweb;

import io.clewdr.credential.ClewdrCookie;
import io.clewdr.provider.ClaudeErrors;
import io.clewdr.provider.Failures;
import io.clewdr.upstream.ClientProfile;
import io.clewdr.upstream.Header;
import io.clewdr.upstream.UpstreamClient;
import io.clewdr.upstream.UpstreamRequest;
import io.clewdr.upstream.UpstreamResponse;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of one attempt with one cookie (clewdr-behaviour.md §5.2): every request carries the
 * session cookie, the original's constant {@code Origin}, exactly one {@code Referer} and a browser
 * {@code User-Agent}; every non-2xx answer is classified with {@link ClaudeErrors#classify} and every
 * transport failure with {@link Failures#transport}, both surfacing as a {@link Halt}.
 *
 * <p>Calls block the calling (virtual) thread on the client's futures.
 */
final class WebCalls {

    /** The original sends this origin even when {@code rproxy} points elsewhere. */
    static final String ORIGIN = "https://api.anthropic.com/";

    /** The browser ClewdR emulates (Chrome 145 on Windows). */
    static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/145.0.0.0 Safari/537.36";

    /** The most bytes read from a JSON answer (bootstrap and organization lists are a few KiB). */
    static final int MAX_JSON = 4 << 20;

    /** The most bytes read from an error answer before classifying it. */
    static final int MAX_ERROR = 256 << 10;

    private static final JsonMapper JSON = JsonMapper.shared();

    private final UpstreamClient http;
    private final URI base;
    private final ClewdrCookie cookie;
    private final Clock clock;

    private WebCalls(UpstreamClient http, URI base, ClewdrCookie cookie, Clock clock) {
        this.http = http;
        this.base = base;
        this.cookie = cookie;
        this.clock = clock;
    }

    /** Calls for {@code cookie} against {@code base} (which ends with {@code /}). */
    static WebCalls of(UpstreamClient http, URI base, ClewdrCookie cookie, Clock clock) {
        return new WebCalls(http, base, cookie, clock);
    }

    /** The Referer before a conversation exists. */
    String refererNew() {
        return base + "new";
    }

    /** The Referer of a temporary conversation being created. */
    String refererIncognito() {
        return base + "new?incognito";
    }

    /** The Referer once the conversation exists. */
    String refererChat(String conversation) {
        return base + "chat/" + conversation;
    }

    /**
     * A request to {@code path} (relative to the base) with the headers of every web call.
     *
     * @param accept the {@code Accept} value
     */
    UpstreamRequest request(String method, String path, String referer, String accept) {
        // One list, not six withHeader calls: each of those copies the list and checks the request
        // again, 2 % of a web request's CPU when profiled.
        return UpstreamRequest.of(method, base.resolve(path))
                .withProfile(ClientProfile.standard())
                .withHeaders(List.of(
                        Header.of("User-Agent", USER_AGENT),
                        Header.of("Accept", accept),
                        Header.of("Accept-Language", "en-US,en;q=0.9"),
                        Header.of("Origin", ORIGIN),
                        Header.of("Referer", referer),
                        Header.of("Cookie", cookie.headerValue())));
    }

    /** The same request with a JSON body. */
    static UpstreamRequest withJson(UpstreamRequest request, JsonNode body) {
        return request.withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsBytes(body));
    }

    /**
     * Sends and waits for the headers; a non-2xx answer is read (bounded) and classified.
     *
     * @return the 2xx response, body unread
     * @throws Halt with the classified failure
     */
    UpstreamResponse send(UpstreamRequest request) throws Halt, InterruptedException {
        UpstreamResponse response = await(http.send(request));
        int status = response.status();
        if (status >= 200 && status < 300) {
            return response;
        }
        byte[] body;
        try {
            body = response.aggregate(MAX_ERROR).get();
        } catch (ExecutionException e) {
            body = new byte[0]; // the status alone still classifies 401, 429, 5xx
        }
        throw new Halt(ClaudeErrors.classify(status, response.headers(), body, clock.instant()));
    }

    /**
     * Sends, requires 2xx and reads the body as JSON.
     *
     * @throws Halt with the classified failure, a transport failure, or an unreadable answer
     */
    JsonNode json(UpstreamRequest request) throws Halt, InterruptedException {
        UpstreamResponse response = send(request);
        byte[] body = await(response.aggregate(MAX_JSON));
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new Halt(Rejections.unexpected(request.uri().getPath() + " answered something other than JSON"));
        }
    }

    /** Sends all requests at once and waits for each (their failures are the caller's to skip). */
    List<CompletableFuture<UpstreamResponse>> sendAll(List<UpstreamRequest> requests) {
        return requests.stream().map(http::send).toList();
    }

    /** Waits for a client future; a failure becomes the transient {@link Halt} of the transport rule. */
    static <T> T await(CompletableFuture<T> future) throws Halt, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new Halt(Failures.transport(e));
        } catch (InterruptedException e) {
            future.cancel(true); // the client drops a response that arrives after this
            throw e;
        }
    }
}
