package io.clewdr.admin;

import io.clewdr.server.Exchange;
import io.clewdr.server.Handler;
import io.clewdr.server.HttpError;
import io.clewdr.server.Request;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the dashboard's files from the jar ({@code /static} on the classpath), so the UI works
 * wherever the artifact runs (unlike the original's default build, §18 item 28). {@code /} is
 * {@code index.html}; paths with {@code ..} are refused.
 */
final class StaticFiles implements Handler {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    @Override
    public void handle(Request request, Exchange exchange) throws IOException {
        String path = request.path().equals("/") ? "/index.html" : request.path();
        if (path.contains("..")) {
            throw HttpError.of(404, "Not found: " + request.path());
        }
        byte[] body = cache.get(path);
        if (body == null) {
            try (InputStream in = StaticFiles.class.getResourceAsStream("/static" + path)) {
                if (in == null) {
                    throw HttpError.of(404, "Not found: " + request.path());
                }
                body = in.readAllBytes();
            }
            cache.put(path, body);
        }
        String extension = path.substring(path.lastIndexOf('.') + 1);
        exchange.respond(
                200,
                TYPES.getOrDefault(extension, "application/octet-stream"),
                body,
                List.of(Map.entry("cache-control", "no-cache"), Map.entry("x-content-type-options", "nosniff")));
    }
}
