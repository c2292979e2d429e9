package io.clewdr.admin;

import io.clewdr.credential.ClewdrCookie;
import io.clewdr.credential.CookieListing;
import io.clewdr.credential.CookiePool;
import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.CredentialStoreException;
import io.clewdr.credential.InvalidCookieException;
import io.clewdr.credential.PoolStatus;
import io.clewdr.credential.SubmitResult;
import io.clewdr.credential.UsageProbe;
import io.clewdr.server.AuthRule;
import io.clewdr.server.Exchange;
import io.clewdr.server.HttpError;
import io.clewdr.server.Protocol;
import io.clewdr.server.Request;
import io.clewdr.server.Route;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cookie admin API: the listing (clewdr-behaviour.md §9.2, with its 5-minute cache), adding one
 * cookie or many at once with a result per line, deleting, and enabling or disabling one. Every
 * change is on disk before the answer leaves; a failed save is a 500 and the change is not claimed.
 */
public final class CookieRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(CookieRoutes.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Duration CACHE_TTL = Duration.ofMinutes(5);
    private static final Duration PROBE_BUDGET = Duration.ofSeconds(20);
    private static final int PROBES_AT_ONCE = 5;

    /** A built listing and when it was built. */
    private record Cached(ObjectNode listing, Instant at) {}

    private final CookiePool pool;
    private final UsageSource usage;
    private final Clock clock;
    private final AtomicReference<@Nullable Cached> cache = new AtomicReference<>();

    private CookieRoutes(CookiePool pool, UsageSource usage, Clock clock) {
        this.pool = pool;
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * Creates the cookie routes.
     *
     * @param pool the cookie pool
     * @param usage where the listing learns usage
     * @param clock the clock (for the cache)
     * @return the routes' owner
     */
    public static CookieRoutes create(CookiePool pool, UsageSource usage, Clock clock) {
        return new CookieRoutes(pool, usage, clock);
    }

    /** @return the routes */
    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/cookies", Protocol.ADMIN, AuthRule.ADMIN, this::list),
                Route.of("POST", "/api/cookie", Protocol.ADMIN, AuthRule.ADMIN, this::add),
                Route.of("DELETE", "/api/cookie", Protocol.ADMIN, AuthRule.ADMIN, this::delete),
                Route.of("POST", "/api/cookies", Protocol.ADMIN, AuthRule.ADMIN, this::addMany),
                Route.of("POST", "/api/cookie/state", Protocol.ADMIN, AuthRule.ADMIN, this::state));
    }

    private void list(Request request, Exchange exchange) throws InterruptedException {
        Cached cached = cache.get();
        Instant now = clock.instant();
        boolean refresh = "true".equalsIgnoreCase(request.queryParam("refresh"));
        String status = "HIT";
        if (refresh || cached == null || Duration.between(cached.at(), now).compareTo(CACHE_TTL) >= 0) {
            cached = new Cached(build(), now);
            cache.set(cached);
            status = "MISS";
        }
        exchange.json(
                200,
                cached.listing(),
                List.of(
                        Map.entry("x-cache-status", status),
                        Map.entry("x-cache-timestamp", Long.toString(cached.at().getEpochSecond()))));
    }

    /** Builds the listing, probing usable cookies' usage at most five at a time within a budget. */
    private ObjectNode build() throws InterruptedException {
        PoolStatus status = pool.status();
        List<CookieStatus> probed = new ArrayList<>(status.valid());
        probed.addAll(status.exhausted());
        Map<ClewdrCookie, UsageProbe> probes = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(PROBES_AT_ONCE);
        try (ExecutorService probing = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (CookieStatus cookie : probed) {
                running.add(probing.submit(() -> {
                    slots.acquire();
                    try {
                        usage.probe(cookie).ifPresent(p -> probes.put(cookie.cookie(), p));
                    } catch (RuntimeException e) {
                        LOG.debug(
                                "usage probe for {} failed: {}", cookie.cookie().masked(), e.toString());
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + PROBE_BUDGET.toNanos();
            for (Future<?> f : running) {
                try {
                    f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    f.cancel(true);
                }
            }
        }
        return CookieListing.toJson(pool.status(), probes);
    }

    private void add(Request request, Exchange exchange) {
        ClewdrCookie cookie = cookieOf(AdminRoutes.parse(request));
        SubmitResult result = saving(() -> pool.submit(cookie));
        cache.set(null);
        LOG.info("cookie {} {}", cookie.masked(), result == SubmitResult.ADDED ? "added" : "already known");
        ObjectNode answer = JSON.createObjectNode();
        answer.put("result", result == SubmitResult.ADDED ? "added" : "duplicate");
        answer.put("cookie", cookie.masked());
        exchange.json(200, answer);
    }

    private void addMany(Request request, Exchange exchange) {
        String text = request.bodyText();
        String contentType = Optional.ofNullable(request.header("content-type")).orElse("");
        if (contentType.startsWith("application/json")) {
            JsonNode body = AdminRoutes.parse(request);
            text = body.path("cookies").isArray()
                    ? String.join(
                            "\n",
                            body.path("cookies")
                                    .valueStream()
                                    .map(JsonNode::asString)
                                    .toList())
                    : body.path("cookies").asString("");
        }
        ArrayNode results = JSON.createArrayNode();
        int added = 0;
        int duplicate = 0;
        int invalid = 0;
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            ObjectNode row = results.addObject();
            row.put("line", i + 1);
            try {
                ClewdrCookie cookie = ClewdrCookie.from(line);
                SubmitResult result = saving(() -> pool.submit(cookie));
                row.put("cookie", cookie.masked());
                if (result == SubmitResult.ADDED) {
                    row.put("result", "added");
                    added++;
                } else {
                    row.put("result", "duplicate");
                    duplicate++;
                }
            } catch (InvalidCookieException e) {
                row.put("result", "invalid");
                row.put("error", "Invalid cookie format");
                invalid++;
            }
        }
        cache.set(null);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("added", added);
        answer.put("duplicate", duplicate);
        answer.put("invalid", invalid);
        answer.set("results", results);
        exchange.json(200, answer);
    }

    private void delete(Request request, Exchange exchange) {
        ClewdrCookie cookie = cookieOf(AdminRoutes.parse(request));
        boolean found = saving(() -> pool.delete(cookie));
        cache.set(null);
        if (!found) {
            throw HttpError.of(404, "Failed to delete cookie: " + cookie.masked() + " is not in the pool");
        }
        LOG.info("cookie {} deleted", cookie.masked());
        exchange.empty(204);
    }

    private void state(Request request, Exchange exchange) {
        JsonNode body = AdminRoutes.parse(request);
        ClewdrCookie cookie = cookieOf(body);
        JsonNode disabled = body.path("disabled");
        if (!disabled.isBoolean()) {
            throw HttpError.badParam("disabled", "disabled: expected true or false");
        }
        boolean found = saving(() -> pool.setDisabled(cookie, disabled.asBoolean()));
        cache.set(null);
        if (!found) {
            throw HttpError.of(404, "Cookie " + cookie.masked() + " is not in the pool");
        }
        LOG.info("cookie {} {}", cookie.masked(), disabled.asBoolean() ? "disabled" : "enabled");
        ObjectNode answer = JSON.createObjectNode();
        answer.put("cookie", cookie.masked());
        answer.put("disabled", disabled.asBoolean());
        exchange.json(200, answer);
    }

    private static ClewdrCookie cookieOf(JsonNode body) {
        if (!body.path("cookie").isString()) {
            throw HttpError.badParam("cookie", "cookie: a session cookie string is required");
        }
        try {
            return ClewdrCookie.from(body.path("cookie").asString());
        } catch (InvalidCookieException e) {
            throw HttpError.badParam("cookie", "Invalid cookie format");
        }
    }

    /** Runs a user action that must be durable; a failed save becomes a 500 that says so. */
    private static <T> T saving(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (CredentialStoreException e) {
            throw HttpError.of(500, "Failed to save the change: " + e.getMessage());
        }
    }
}
