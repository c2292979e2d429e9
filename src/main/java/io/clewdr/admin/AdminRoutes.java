package io.clewdr.admin;

import io.clewdr.config.BuildInfo;
import io.clewdr.config.ConfigApi;
import io.clewdr.config.ConfigDocument;
import io.clewdr.config.ConfigException;
import io.clewdr.config.ConfigFile;
import io.clewdr.config.LiveConfig;
import io.clewdr.config.Settings;
import io.clewdr.server.AuthRule;
import io.clewdr.server.Exchange;
import io.clewdr.server.HttpError;
import io.clewdr.server.Protocol;
import io.clewdr.server.Request;
import io.clewdr.server.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API under {@code /api} (Bearer admin password, same origin only) and the public
 * {@code /api/version}, {@code /health} and dashboard files.
 */
public final class AdminRoutes {
    private static final JsonMapper JSON = JsonMapper.shared();

    private final ConfigFile file;
    private final LiveConfig live;
    private final Consumer<ConfigDocument> onSaved;

    private AdminRoutes(ConfigFile file, LiveConfig live, Consumer<ConfigDocument> onSaved) {
        this.file = file;
        this.live = live;
        this.onSaved = onSaved;
    }

    /**
     * Creates the admin routes.
     *
     * @param file the config file (settings are saved through it)
     * @param live the live settings
     * @param onSaved told each document saved by a settings change
     * @return the route builder
     */
    public static AdminRoutes create(ConfigFile file, LiveConfig live, Consumer<ConfigDocument> onSaved) {
        return new AdminRoutes(file, live, onSaved);
    }

    /** @return the routes */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.add(Route.of(
                "GET",
                "/api/version",
                Protocol.ADMIN,
                AuthRule.NONE,
                (req, ex) ->
                        ex.text(200, BuildInfo.current().versionBlock(live.get().noFs()))));
        routes.add(Route.of("GET", "/api/auth", Protocol.ADMIN, AuthRule.ADMIN, (req, ex) -> ex.empty(200)));
        routes.add(Route.of(
                "GET",
                "/api/config",
                Protocol.ADMIN,
                AuthRule.ADMIN,
                (req, ex) -> ex.json(200, ConfigApi.render(live.get()))));
        routes.add(Route.of("POST", "/api/config", Protocol.ADMIN, AuthRule.ADMIN, this::postConfig));
        routes.add(Route.of("GET", "/health", Protocol.ADMIN, AuthRule.NONE, (req, ex) -> {
            ObjectNode health = JSON.createObjectNode();
            health.put("status", "ok");
            health.put("version", BuildInfo.current().version());
            ex.json(200, health);
        }));
        return routes;
    }

    /** @return the fallback route serving the dashboard's files */
    public Route dashboard() {
        return Route.of("GET", "/", Protocol.ADMIN, AuthRule.NONE, new StaticFiles());
    }

    private void postConfig(Request request, Exchange exchange) {
        JsonNode body = parse(request);
        ConfigDocument saved;
        try {
            // The merge runs inside the save, on the document as it is on disk, so a hand edit made a
            // moment ago is merged rather than overwritten.
            saved = file.update(doc -> doc.withSettings(ConfigApi.merge(doc.settings(), body)));
        } catch (ConfigException e) {
            if (e.key().isPresent()) {
                throw HttpError.badParam(e.key().get(), e.getMessage());
            }
            throw HttpError.of(500, "Failed to save config: " + e.getMessage());
        }
        onSaved.accept(saved);
        Settings now = saved.settings();
        ObjectNode answer = JSON.createObjectNode();
        answer.put("message", "Config updated successfully");
        answer.set("config", ConfigApi.render(now));
        exchange.json(200, answer);
    }

    static JsonNode parse(Request request) {
        try {
            return JSON.readTree(request.body());
        } catch (JacksonException e) {
            throw HttpError.of(400, "The body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
