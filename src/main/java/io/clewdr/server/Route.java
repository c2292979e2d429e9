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
 * @param loopBodyLimit the largest body whose handler runs on the connection's event loop (see
 *     {@link LoopThreads}); 0 for none
 */
public record Route(
        String method,
        String path,
        boolean prefix,
        Protocol protocol,
        AuthRule auth,
        boolean cors,
        Handler handler,
        int loopBodyLimit) {

    /**
     * The loop body limit of LLM routes. A handler on the event loop holds up the loop's other
     * connections, streams included, for as long as it computes. Measured on one core: a 16 KB request
     * is parsed and re-encoded in 0.12 ms and its tokens are estimated (the web path does) in 0.6 ms;
     * at 64 KB that is 0.4 and 2.8 ms. Larger bodies (long chat histories, coding agents' tool lists)
     * are handled on the JDK's shared carriers, where the kernel shares the core between them and the
     * loop. The admin API never runs on the loop: some of its calls wait on storage.
     */
    public static final int LOOP_BODY_LIMIT = 16 * 1024;

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
        boolean llm = protocol != Protocol.ADMIN;
        return new Route(method, path, false, protocol, auth, llm, handler, llm ? LOOP_BODY_LIMIT : 0);
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
        boolean llm = protocol != Protocol.ADMIN;
        return new Route(method, prefix, true, protocol, auth, llm, handler, llm ? LOOP_BODY_LIMIT : 0);
    }

    /**
     * This route with another loop body limit, for a handler whose work grows more slowly with its
     * body than the common rules' does.
     *
     * @param bytes the largest body handled on the event loop
     * @return the route
     */
    public Route withLoopBodyLimit(int bytes) {
        return new Route(method, path, prefix, protocol, auth, cors, handler, bytes);
    }

    boolean matchesPath(String requestPath) {
        return prefix ? requestPath.startsWith(path) && requestPath.length() > path.length() : path.equals(requestPath);
    }
}
