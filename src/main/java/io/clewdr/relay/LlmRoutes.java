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

/**
 * Every LLM route of the spec README, with the authentication of clewdr-behaviour.md §2.2. A route
 * whose backend is not built yet answers 501 in its own protocol, naming what is missing.
 */
public final class LlmRoutes {
    private LlmRoutes() {}

    /**
     * Builds the LLM routes.
     *
     * @param models the configured model ids, read per request
     * @param aliases the configured model aliases, read per request
     * @return the routes
     */
    public static List<Route> create(Supplier<List<String>> models, Supplier<Map<String, String>> aliases) {
        Handler modelList = (request, exchange) ->
                exchange.json(200, ModelCatalog.openAiList(ModelCatalog.ids(models.get(), aliases.get())));
        List<Route> routes = new ArrayList<>();
        routes.add(Route.of(
                "POST", "/v1/messages", Protocol.ANTHROPIC, AuthRule.FLEXIBLE, notBuilt("the Claude.ai web backend")));
        routes.add(Route.of(
                "POST",
                "/v1/chat/completions",
                Protocol.OPENAI,
                AuthRule.BEARER,
                notBuilt("the Claude.ai web backend")));
        routes.add(Route.of("GET", "/v1/models", Protocol.OPENAI, AuthRule.BEARER, modelList));
        routes.add(Route.of(
                "POST",
                "/code/v1/messages",
                Protocol.ANTHROPIC,
                AuthRule.FLEXIBLE,
                notBuilt("the Claude Code backend")));
        routes.add(Route.of(
                "POST",
                "/code/v1/messages/count_tokens",
                Protocol.ANTHROPIC,
                AuthRule.FLEXIBLE,
                notBuilt("the Claude Code backend")));
        routes.add(Route.of(
                "POST",
                "/code/v1/chat/completions",
                Protocol.OPENAI,
                AuthRule.BEARER,
                notBuilt("the Claude Code backend")));
        routes.add(Route.of("GET", "/code/v1/models", Protocol.OPENAI, AuthRule.BEARER, modelList));
        routes.add(Route.of(
                "GET",
                "/v1/v1beta/models",
                Protocol.GEMINI,
                AuthRule.QUERY_KEY,
                notBuilt("the Gemini AI Studio backend")));
        routes.add(Route.under(
                "POST", "/v1/v1beta/", Protocol.GEMINI, AuthRule.QUERY_KEY, notBuilt("the Gemini AI Studio backend")));
        routes.add(Route.under(
                "POST", "/v1/vertex/v1beta/", Protocol.GEMINI, AuthRule.QUERY_KEY, notBuilt("the Vertex AI backend")));
        routes.add(Route.of(
                "POST",
                "/gemini/chat/completions",
                Protocol.OPENAI,
                AuthRule.BEARER,
                notBuilt("the Gemini AI Studio backend")));
        routes.add(Route.of(
                "POST",
                "/gemini/vertex/chat/completions",
                Protocol.OPENAI,
                AuthRule.BEARER,
                notBuilt("the Vertex AI backend")));
        return List.copyOf(routes);
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
