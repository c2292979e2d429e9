package io.clewdr.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The routing table: exact paths first, then prefixes, then an optional fallback (the dashboard's
 * static files). A path that exists with another method is a 405, not a 404.
 */
public final class Router {
    private final List<Route> routes;
    private final @Nullable Route fallback;

    private Router(List<Route> routes, @Nullable Route fallback) {
        List<Route> ordered =
                new ArrayList<>(routes.stream().filter(r -> !r.prefix()).toList());
        ordered.addAll(routes.stream().filter(Route::prefix).toList());
        this.routes = List.copyOf(ordered);
        this.fallback = fallback;
    }

    /**
     * Creates a router.
     *
     * @param routes the routes
     * @param fallback a GET route for any other path, or null
     * @return the router
     */
    public static Router of(List<Route> routes, @Nullable Route fallback) {
        return new Router(routes, fallback);
    }

    /** What the table says about one method and path. */
    sealed interface Match {
        /** A route answers. */
        record Found(Route route) implements Match {}

        /** The path exists, but not for this method. */
        record WrongMethod(List<String> allowed) implements Match {}

        /** Nothing is there. */
        record NotFound() implements Match {}
    }

    Match match(String method, String path) {
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            if (route.matchesPath(path)) {
                if (route.method().equals(method)) {
                    return new Match.Found(route);
                }
                allowed.add(route.method());
            }
        }
        if (!allowed.isEmpty()) {
            return new Match.WrongMethod(allowed);
        }
        if (fallback != null && (method.equals("GET") || method.equals("HEAD"))) {
            return new Match.Found(fallback);
        }
        return new Match.NotFound();
    }

    /**
     * The route a path belongs to, whatever the method (for CORS preflights).
     *
     * @param path the path
     * @return a route at that path
     */
    Optional<Route> anyAt(String path) {
        return routes.stream().filter(r -> r.matchesPath(path)).findFirst();
    }

    /** @return every route, for listings and tests */
    public List<Route> routes() {
        return routes;
    }
}
