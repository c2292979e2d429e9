package io.clewdr.upstream;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One outbound request. Build it with {@link #of(String, URI)} and the {@code with…} methods.
 *
 * @param method the HTTP method, for example {@code GET} or {@code POST}
 * @param uri the absolute {@code http} or {@code https} URI, any port
 * @param headers headers in wire order; names keep their case on HTTP/1.1. {@code Host} and {@code
 *     Content-Length} are added when missing.
 * @param body the request body, or {@code null} for none
 * @param timeouts per-request deadlines, or {@code null} for the client defaults; missing fields
 *     fall back one by one
 * @param profile how the client presents itself
 * @param prefetchBytes above 0, the caller reads the whole body: the client collects up to this many
 *     bytes on the event loop before answering (see {@link #withPrefetchedBody(int)})
 * @param onArrival with a prefetched body, runs on the event loop once the body is in, before the
 *     caller hears of the response (see {@link #withPrefetchedBody(int, Consumer)}); or null
 */
public record UpstreamRequest(
        String method,
        URI uri,
        List<Header> headers,
        byte[] body,
        Timeouts timeouts,
        ClientProfile profile,
        int prefetchBytes,
        @Nullable Consumer<UpstreamResponse> onArrival) {

    /** Validates the method and URI and copies the header list. */
    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(profile, "profile");
        if (!isToken(method)) {
            throw new IllegalArgumentException("method: '" + method + "' (expected: a token such as GET)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("uri: scheme '" + scheme + "' (expected: http or https)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("uri: no host (expected: an absolute URI)");
        }
        if (prefetchBytes < 0) {
            throw new IllegalArgumentException("prefetchBytes: " + prefetchBytes + " (expected: >= 0)");
        }
        headers = List.copyOf(headers);
    }

    private static boolean isToken(String method) {
        if (method.isEmpty()) {
            return false;
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c <= 32 || c >= 127) {
                return false;
            }
        }
        return true;
    }

    /** A request with no headers, no body, default timeouts and the standard profile. */
    public static UpstreamRequest of(String method, URI uri) {
        return new UpstreamRequest(method, uri, List.of(), null, null, ClientProfile.standard(), 0, null);
    }

    /** Returns this request with one more header at the end. */
    public UpstreamRequest withHeader(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(Header.of(name, value));
        return new UpstreamRequest(method, uri, more, body, timeouts, profile, prefetchBytes, onArrival);
    }

    /** Returns this request with these headers instead of its own. */
    public UpstreamRequest withHeaders(List<Header> newHeaders) {
        return new UpstreamRequest(method, uri, newHeaders, body, timeouts, profile, prefetchBytes, onArrival);
    }

    /** Returns this request with a body ({@code null} for none); the array is not copied. */
    public UpstreamRequest withBody(byte[] newBody) {
        return new UpstreamRequest(method, uri, headers, newBody, timeouts, profile, prefetchBytes, onArrival);
    }

    /** Returns this request with its own deadlines. */
    public UpstreamRequest withTimeouts(Timeouts newTimeouts) {
        return new UpstreamRequest(method, uri, headers, body, newTimeouts, profile, prefetchBytes, onArrival);
    }

    /** Returns this request with another client profile. */
    public UpstreamRequest withProfile(ClientProfile newProfile) {
        return new UpstreamRequest(method, uri, headers, body, timeouts, newProfile, prefetchBytes, onArrival);
    }

    /**
     * Returns this request marked as read whole: the response is handed over only once its body
     * (at most {@code maxBytes}) is in, already read on the event loop. A caller that would call
     * {@link UpstreamResponse#aggregate(int)} at once saves two thread hand-offs per request; one
     * that streams must not use it.
     */
    public UpstreamRequest withPrefetchedBody(int maxBytes) {
        return new UpstreamRequest(method, uri, headers, body, timeouts, profile, maxBytes, null);
    }

    /**
     * Like {@link #withPrefetchedBody(int)}, and {@code onArrival} sees the response on the event
     * loop as soon as its body is in, before the caller is woken: a caller that can answer its own
     * client from the response alone does so there, a thread hand-off sooner. It runs only for a
     * body that arrived whole, must not block, and must leave the response readable (its
     * {@link UpstreamResponse#aggregate(int)} may be called again).
     */
    public UpstreamRequest withPrefetchedBody(int maxBytes, Consumer<UpstreamResponse> onArrival) {
        return new UpstreamRequest(
                method, uri, headers, body, timeouts, profile, maxBytes, Objects.requireNonNull(onArrival));
    }

    /** Method, target without the query, masked headers and the body size: safe to log. */
    @Override
    public String toString() {
        return "UpstreamRequest[" + target() + ", headers=" + headers + ", body="
                + (body == null ? "none" : body.length + " bytes") + ", profile=" + profile.name() + "]";
    }

    /** Whether the target is https. */
    boolean secure() {
        return uri.getScheme().equalsIgnoreCase("https");
    }

    /** The target port, defaulted from the scheme. */
    int port() {
        return uri.getPort() != -1 ? uri.getPort() : secure() ? 443 : 80;
    }

    /** The host without IPv6 brackets. */
    String host() {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The origin-form request target: path and query. */
    String pathAndQuery() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The authority for {@code Host} / {@code :authority}: host, plus the port when not the default. */
    String authority() {
        boolean defaultPort = uri.getPort() == -1 || uri.getPort() == (secure() ? 443 : 80);
        String host = uri.getHost();
        return defaultPort ? host : host + ":" + uri.getPort();
    }

    /** Where this request is going, for messages (no query: it might carry a key). */
    String target() {
        return method + " " + uri.getScheme() + "://" + authority()
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /**
     * The headers to send, in wire order: the profile's defaults (replaced in place by a request
     * header of the same name), then the request's other headers.
     */
    List<Header> wireHeaders() {
        List<Header> out = new ArrayList<>();
        List<Header> rest = new ArrayList<>(headers);
        for (Header d : profile.defaultHeaders()) {
            Header replacement = null;
            for (var it = rest.iterator(); it.hasNext(); ) {
                Header h = it.next();
                if (h.name().equalsIgnoreCase(d.name())) {
                    if (replacement == null) {
                        replacement = h;
                        it.remove();
                    }
                }
            }
            out.add(replacement != null ? replacement : d);
        }
        out.addAll(rest);
        return out;
    }
}
