package io.clewdr.testkit;

import io.clewdr.Clewdr;
import io.clewdr.config.CliOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real ClewdR, started in process on a free loopback port with its own temporary directory and
 * {@code clewdr.toml}. The passwords are fixed so tests can call the API; everything else comes from
 * the TOML a test passes (and the environment map it gives).
 */
public final class ServerHarness implements AutoCloseable {
    /** The API password of every harness. */
    public static final String API_PASSWORD = "test-api-password-0123456789abcdef";
    /** The admin password of every harness. */
    public static final String ADMIN_PASSWORD = "test-admin-password-0123456789abcdef";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dir;
    private final Path configFile;
    private final Map<String, String> env;
    private final List<String> args;
    private final Clock clock;
    private Clewdr app;

    private ServerHarness(Path dir, Map<String, String> env, List<String> args, Clock clock) {
        this.dir = dir;
        this.configFile = dir.resolve("clewdr.toml");
        this.env = Map.copyOf(env);
        this.args = List.copyOf(args);
        this.clock = clock;
    }

    /**
     * Starts a server whose config file holds the standard test lines followed by {@code toml}.
     *
     * @param toml extra TOML (top-level keys first, then tables)
     * @return the running harness
     */
    public static ServerHarness start(String toml) {
        return start(toml, Map.of());
    }

    /**
     * Starts a server with an environment.
     *
     * @param toml extra TOML
     * @param env the environment map ({@code CLEWDR_*})
     * @return the running harness
     */
    public static ServerHarness start(String toml, Map<String, String> env) {
        return startIn(tempDir(), standardToml() + toml, env, List.of(), Clock.systemUTC());
    }

    /**
     * Starts a server on a config file written verbatim (no standard lines).
     *
     * @param dir the directory of {@code clewdr.toml}
     * @param fullToml the whole file, or null to start without a file
     * @param env the environment
     * @param extraArgs more command-line flags
     * @param clock the clock
     * @return the running harness
     */
    public static ServerHarness startIn(
            Path dir, String fullToml, Map<String, String> env, List<String> extraArgs, Clock clock) {
        try {
            if (fullToml != null) {
                Files.writeString(dir.resolve("clewdr.toml"), fullToml);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerHarness harness = new ServerHarness(dir, env, extraArgs, clock);
        harness.boot();
        return harness;
    }

    /** @return the standard first lines: loopback, a free port, the fixed passwords */
    public static String standardToml() {
        return "ip = \"127.0.0.1\"\nport = 0\npassword = \"" + API_PASSWORD + "\"\nadmin_password = \"" + ADMIN_PASSWORD
                + "\"\ncheck_update = false\n";
    }

    /** @return a fresh temporary directory */
    public static Path tempDir() {
        try {
            return Files.createTempDirectory("clewdr-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void boot() {
        List<String> all = new ArrayList<>(
                List.of("-c", configFile.toString(), "-l", dir.resolve("log").toString()));
        all.addAll(args);
        app = Clewdr.start(CliOptions.parse(all.toArray(String[]::new)), env, clock);
    }

    /** Stops and starts again on the same directory and file. */
    public void restart() {
        app.close();
        boot();
    }

    /** @return the running application */
    public Clewdr app() {
        return app;
    }

    /** @return the server's base URL, without a trailing slash */
    public URI base() {
        return URI.create("http://127.0.0.1:" + app.address().getPort());
    }

    /** @return the config file */
    public Path configFile() {
        return configFile;
    }

    /** @return the directory */
    public Path dir() {
        return dir;
    }

    /** @return the config file's text */
    public String configText() {
        try {
            return Files.readString(configFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A request builder for a path on this server.
     *
     * @param path the path (and query)
     * @return the builder
     */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
    }

    /**
     * Sends a request and reads the body as text.
     *
     * @param request the request
     * @return the response
     */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A GET with the admin password.
     *
     * @param path the path
     * @return the response
     */
    public HttpResponse<String> adminGet(String path) {
        return send(request(path).header("Authorization", "Bearer " + ADMIN_PASSWORD));
    }

    /**
     * A POST of JSON with the admin password.
     *
     * @param path the path
     * @param json the body
     * @return the response
     */
    public HttpResponse<String> adminPost(String path, String json) {
        return send(request(path)
                .header("Authorization", "Bearer " + ADMIN_PASSWORD)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Override
    public void close() {
        app.close();
    }
}
