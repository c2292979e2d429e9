package io.clewdr.server;

/**
 * One entry of the routing table.
 *
 * @param method the HTTP method
 * @param path the exact path, or a prefix when {@code prefix} is set
 * @param prefix whether {@code path} matches every path under it
 * @param protocol the API the route speaks (decides its error shape)
 * @param auth who may call it
 * @param cors whether browsers on other origins may call it (LLM routes yes, {@code /api/*} no)
 * @param handler what answers
 */
public record Route(
        String method, String path, boolean prefix, Protocol protocol, AuthRule auth, boolean cors, Handler handler) {

    /**
     * A route for an exact path; LLM protocols are open to other origins, the admin API is not.
     *
     * @param method the HTTP method
     * @param path the exact path
     * @param protocol the protocol
     * @param auth the auth rule
     * @param handler the handler
     * @return the route
     */
    public static Route of(String method, String path, Protocol protocol, AuthRule auth, Handler handler) {
        return new Route(method, path, false, protocol, auth, protocol != Protocol.ADMIN, handler);
    }

    /**
     * A route for every path under a prefix (the Gemini model paths).
     *
     * @param method the HTTP method
     * @param prefix the path prefix, ending with {@code /}
     * @param protocol the protocol
     * @param auth the auth rule
     * @param handler the handler
     * @return the route
     */
    public static Route under(String method, String prefix, Protocol protocol, AuthRule auth, Handler handler) {
        return new Route(method, prefix, true, protocol, auth, protocol != Protocol.ADMIN, handler);
    }

    boolean matchesPath(String requestPath) {
        return prefix ? requestPath.startsWith(path) && requestPath.length() > path.length() : path.equals(requestPath);
    }
}
