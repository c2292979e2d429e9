package io.clewdr.relay;

import io.clewdr.server.AuthRule;
import io.clewdr.server.Handler;
import io.clewdr.server.HttpError;
import io.clewdr.server.Protocol;
import io.clewdr.server.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Every LLM route of the spec README, with the authentication of clewdr-behaviour.md §2.2. A route
 * whose backend is not built yet answers 501 in its own protocol, naming what is missing.
 */
public final class LlmRoutes {
    private LlmRoutes() {}

    /**
     * The handlers of the backends that exist; null ones answer 501.
     *
     * @param webMessages {@code POST /v1/messages}
     * @param webChat {@code POST /v1/chat/completions}
     * @param codeMessages {@code POST /code/v1/messages}
     * @param codeCountTokens {@code POST /code/v1/messages/count_tokens}
     * @param codeChat {@code POST /code/v1/chat/completions}
     */
    public record Backends(
            @Nullable Handler webMessages,
            @Nullable Handler webChat,
            @Nullable Handler codeMessages,
            @Nullable Handler codeCountTokens,
            @Nullable Handler codeChat) {
        /** @return no backend at all */
        public static Backends none() {
            return new Backends(null, null, null, null, null);
        }
    }

    /**
     * Builds the LLM routes without backends (every message route answers 501).
     *
     * @param models the configured model ids, read per request
     * @param aliases the configured model aliases, read per request
     * @return the routes
     */
    public static List<Route> create(Supplier<List<String>> models, Supplier<Map<String, String>> aliases) {
        return create(models, aliases, Backends.none());
    }

    /**
     * Builds the LLM routes.
     *
     * @param models the configured model ids, read per request
     * @param aliases the configured model aliases, read per request
     * @param backends the handlers of the backends that exist
     * @return the routes
     */
    public static List<Route> create(
            Supplier<List<String>> models, Supplier<Map<String, String>> aliases, Backends backends) {
        Handler modelList = (request, exchange) ->
                exchange.json(200, ModelCatalog.openAiList(ModelCatalog.ids(models.get(), aliases.get())));
        String web = "the Claude.ai web backend";
        String code = "the Claude Code backend";
        String gemini = "the Gemini AI Studio backend";
        String vertex = "the Vertex AI backend";
        List<Route> routes = new ArrayList<>();
        routes.add(Route.of(
                "POST", "/v1/messages", Protocol.ANTHROPIC, AuthRule.FLEXIBLE, or(backends.webMessages(), web)));
        routes.add(Route.of(
                "POST", "/v1/chat/completions", Protocol.OPENAI, AuthRule.BEARER, or(backends.webChat(), web)));
        routes.add(Route.of("GET", "/v1/models", Protocol.OPENAI, AuthRule.BEARER, modelList));
        // The pass-through reads a body's head only (PassThroughBody): measured on one core, a 50 KB
        // agent request is split and joined in 0.06 ms, a 240 KB one in 0.15 ms, and the loop spares
        // a large request the hand-off to the shared carriers (15-20 % of its CPU at 500 requests/s).
        // With sanitize_messages the whole tree is read: 128 KB then holds the loop about 0.8 ms
        // (going by Route's 16 and 64 KB figures).
        routes.add(Route.of(
                        "POST",
                        "/code/v1/messages",
                        Protocol.ANTHROPIC,
                        AuthRule.FLEXIBLE,
                        or(backends.codeMessages(), code))
                .withLoopBodyLimit(128 * 1024));
        routes.add(Route.of(
                "POST",
                "/code/v1/messages/count_tokens",
                Protocol.ANTHROPIC,
                AuthRule.FLEXIBLE,
                or(backends.codeCountTokens(), code)));
        routes.add(Route.of(
                "POST", "/code/v1/chat/completions", Protocol.OPENAI, AuthRule.BEARER, or(backends.codeChat(), code)));
        routes.add(Route.of("GET", "/code/v1/models", Protocol.OPENAI, AuthRule.BEARER, modelList));
        routes.add(Route.of("GET", "/v1/v1beta/models", Protocol.GEMINI, AuthRule.QUERY_KEY, notBuilt(gemini)));
        routes.add(Route.under("POST", "/v1/v1beta/", Protocol.GEMINI, AuthRule.QUERY_KEY, notBuilt(gemini)));
        routes.add(Route.under("POST", "/v1/vertex/v1beta/", Protocol.GEMINI, AuthRule.QUERY_KEY, notBuilt(vertex)));
        routes.add(Route.of("POST", "/gemini/chat/completions", Protocol.OPENAI, AuthRule.BEARER, notBuilt(gemini)));
        routes.add(Route.of(
                "POST", "/gemini/vertex/chat/completions", Protocol.OPENAI, AuthRule.BEARER, notBuilt(vertex)));
        return List.copyOf(routes);
    }

    private static Handler or(@Nullable Handler handler, String what) {
        return handler != null ? handler : notBuilt(what);
    }

    /**
     * A handler for a route whose backend this version does not have yet.
     *
     * @param what the missing part, e.g. "the Claude.ai web backend"
     * @return the handler
     */
    public static Handler notBuilt(String what) {
        return (request, exchange) -> {
            throw HttpError.of(501, "Not implemented: " + what + " is not built into this version of ClewdR yet");
        };
    }
}
