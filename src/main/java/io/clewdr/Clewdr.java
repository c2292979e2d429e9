package io.clewdr;

import io.clewdr.admin.AdminRoutes;
import io.clewdr.admin.CookieRoutes;
import io.clewdr.admin.UsageSource;
import io.clewdr.config.CliOptions;
import io.clewdr.config.ConfigDocument;
import io.clewdr.config.ConfigFile;
import io.clewdr.config.ConfigWatcher;
import io.clewdr.config.CredentialSection;
import io.clewdr.config.LiveConfig;
import io.clewdr.config.Settings;
import io.clewdr.credential.ClewdrCookie;
import io.clewdr.credential.CookieCodec;
import io.clewdr.credential.CookiePool;
import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.InvalidCookieException;
import io.clewdr.credential.PoolSnapshot;
import io.clewdr.credential.RetiredCookie;
import io.clewdr.credential.UsageProbe;
import io.clewdr.observe.LogSetup;
import io.clewdr.observe.Redactor;
import io.clewdr.provider.Opened;
import io.clewdr.provider.claudecode.ClaudeCodeBackend;
import io.clewdr.provider.claudeweb.ClaudeWebBackend;
import io.clewdr.relay.CodeBackend;
import io.clewdr.relay.CodeRelay;
import io.clewdr.relay.LlmRoutes;
import io.clewdr.relay.WebRelay;
import io.clewdr.server.HttpServer;
import io.clewdr.server.ListenException;
import io.clewdr.server.Passwords;
import io.clewdr.server.Route;
import io.clewdr.server.Router;
import io.clewdr.server.Transport;
import io.clewdr.store.FileCredentialStore;
import io.clewdr.upstream.UpstreamClient;
import io.clewdr.upstream.UpstreamResponse;
import io.clewdr.upstream.UpstreamSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part by hand from the configuration, in dependency order, and
 * stops them in reverse. {@link Main} runs it for the command line; tests run it in process.
 */
public final class Clewdr implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Clewdr.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final ConfigFile file;
    private final LiveConfig live;
    private final CookiePool pool;
    private final ConfigWatcher watcher;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService background;
    private final Transport transport;
    private final UpstreamClient upstream;
    private final HttpServer server;
    private final InetSocketAddress address;
    private final ConfigDocument startDocument;

    private Clewdr(
            ConfigFile file,
            LiveConfig live,
            CookiePool pool,
            ConfigWatcher watcher,
            ScheduledExecutorService scheduler,
            ExecutorService background,
            Transport transport,
            UpstreamClient upstream,
            HttpServer server,
            InetSocketAddress address,
            ConfigDocument startDocument) {
        this.file = file;
        this.live = live;
        this.pool = pool;
        this.watcher = watcher;
        this.scheduler = scheduler;
        this.background = background;
        this.transport = transport;
        this.upstream = upstream;
        this.server = server;
        this.address = address;
        this.startDocument = startDocument;
    }

    /**
     * Loads the configuration and starts everything.
     *
     * @param cli the command-line options
     * @param env the environment (the {@code CLEWDR_*} overrides)
     * @param clock the clock for every time-dependent rule
     * @return the running instance
     * @throws io.clewdr.config.ConfigException when the configuration cannot be used; nothing is
     *     written then
     * @throws ListenException when the address cannot be listened on; everything started is stopped
     */
    public static Clewdr start(CliOptions cli, Map<String, String> env, Clock clock) {
        ConfigFile file = ConfigFile.create(cli.config(), env);
        ConfigDocument doc = file.load();
        Settings settings = doc.settings();
        Path logDir = cli.logDir() != null ? cli.logDir() : Path.of("log");
        LogSetup.apply(env.get("RUST_LOG"), logDir, settings.logToFile() && !settings.noFs());
        doc.unknownKeys().forEach(key -> LOG.warn("{}: unknown key '{}' (kept, not used)", cli.config(), key));
        doc.warnings().forEach(warning -> LOG.warn("{}", warning));
        registerSecrets(settings);

        PoolSnapshot initial = initialPool(doc, cli);
        LiveConfig live = LiveConfig.of(settings);
        FileCredentialStore store = FileCredentialStore.create(file, saved -> live.set(saved.settings()));
        CookiePool pool = CookiePool.create(clock, store, initial);
        store.snapshotsFrom(pool::snapshot);
        file.onHandEdit(edited -> {
            live.set(edited.settings());
            registerSecrets(edited.settings());
            io.clewdr.credential.Reconciled changes =
                    pool.reconcile(decode(edited).snapshot());
            LOG.info(
                    "{} was edited: settings reloaded, {} cookie(s) added, {} removed",
                    cli.config(),
                    changes.added(),
                    changes.removed());
        });
        boolean cookiesFromFile =
                initial.cookies().size() > decode(doc).snapshot().cookies().size();
        if (!doc.generatedKeys().isEmpty() || cookiesFromFile) {
            // Generated passwords (and cookies given with -f) are saved at once, so a restart
            // keeps them; the file layer writes nothing with no_fs.
            file.update(d -> FileCredentialStore.withPool(d, pool.snapshot()));
        }
        ConfigWatcher watcher = ConfigWatcher.start(file);

        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("clewdr-ticker").daemon().factory());
        pool.start(scheduler);

        Transport transport = Transport.create(0);
        UpstreamClient upstream = UpstreamClient.create(
                transport.group(),
                () -> UpstreamSettings.defaults().withProxy(live.get().proxy()));

        ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        ClaudeWebBackend web = ClaudeWebBackend.create(upstream, live::get, clock);
        String entrypoint = env.getOrDefault("CLAUDE_CODE_ENTRYPOINT", "");
        ClaudeCodeBackend code = ClaudeCodeBackend.create(
                upstream, pool, live::get, clock, background, entrypoint.isBlank() ? "cli" : entrypoint);
        CodeBackend codeBackend = new CodeBackend() {
            @Override
            public Opened messages(
                    CookieStatus cookie,
                    byte[] body,
                    List<String> betas,
                    boolean stream,
                    @Nullable Consumer<UpstreamResponse> onSuccess)
                    throws InterruptedException {
                return code.messages(cookie, body, betas, stream, onSuccess);
            }

            @Override
            public Opened countTokens(CookieStatus cookie, byte[] body, List<String> betas)
                    throws InterruptedException {
                return code.countTokens(cookie, body, betas);
            }

            @Override
            public void afterExchange(ClewdrCookie cookie) {
                code.refreshWindowsIfDue(cookie);
            }
        };
        WebRelay webRelay = WebRelay.create(web::open, pool, live::get, clock);
        CodeRelay codeRelay =
                CodeRelay.create(codeBackend, pool, live::get, clock, entrypoint.isBlank() ? "cli" : entrypoint);
        UsageSource usage = cookie -> {
            Optional<UsageProbe> viaOAuth = cookie.codeUnusable() ? Optional.empty() : code.usage(cookie);
            return viaOAuth.isPresent() ? viaOAuth : web.usage(cookie);
        };
        LlmRoutes.Backends backends = new LlmRoutes.Backends(
                webRelay.messages(),
                webRelay.chatCompletions(),
                codeRelay.messages(),
                codeRelay.countTokens(),
                codeRelay.chatCompletions());

        AdminRoutes admin = AdminRoutes.create(file, live, saved -> {
            live.set(saved.settings());
            registerSecrets(saved.settings());
        });
        List<Route> routes = new ArrayList<>(
                LlmRoutes.create(() -> live.get().models(), () -> live.get().modelAliases(), backends));
        routes.addAll(admin.routes());
        routes.addAll(CookieRoutes.create(pool, usage, clock).routes());
        HttpServer server = HttpServer.create(
                transport,
                Router.of(routes, admin.dashboard()),
                () -> new Passwords(live.get().password(), live.get().adminPassword()));
        InetSocketAddress address;
        try {
            address = server.start(settings.ip(), settings.port());
        } catch (ListenException e) {
            // Nothing has served yet: stop what started so no thread keeps the process alive.
            stopServices(watcher, pool, scheduler, background, upstream, transport);
            throw e;
        }
        return new Clewdr(file, live, pool, watcher, scheduler, background, transport, upstream, server, address, doc);
    }

    private static void registerSecrets(Settings settings) {
        Redactor.register(settings.password());
        Redactor.register(settings.adminPassword());
    }

    /**
     * The pool state a document holds. A cookie listed twice (the file and {@code
     * CLEWDR_COOKIE_ARRAY} may both name it) is kept once, in its first place.
     */
    private static CookieCodec.Loaded decode(ConfigDocument doc) {
        CookieCodec.Loaded loaded = CookieCodec.decodeAll(
                doc.section(CredentialSection.COOKIE_ARRAY), doc.section(CredentialSection.WASTED_COOKIE));
        Set<ClewdrCookie> seen = new LinkedHashSet<>();
        List<CookieStatus> cookies = loaded.snapshot().cookies().stream()
                .filter(c -> seen.add(c.cookie()))
                .toList();
        List<RetiredCookie> retired = loaded.snapshot().retired().stream()
                .filter(r -> seen.add(r.cookie()))
                .toList();
        return new CookieCodec.Loaded(new PoolSnapshot(cookies, retired), loaded.problems());
    }

    /** The cookies of the file (bad entries reported and skipped) plus those of {@code -f}. */
    private static PoolSnapshot initialPool(ConfigDocument doc, CliOptions cli) {
        CookieCodec.Loaded loaded = decode(doc);
        loaded.problems().forEach(problem -> LOG.warn("{}: {}", cli.config(), problem));
        List<CookieStatus> cookies = new ArrayList<>(loaded.snapshot().cookies());
        Set<ClewdrCookie> known = new LinkedHashSet<>();
        cookies.forEach(c -> known.add(c.cookie()));
        loaded.snapshot().retired().forEach(r -> known.add(r.cookie()));
        int line = 0;
        for (String text : cli.readCookieLines()) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            try {
                ClewdrCookie cookie = ClewdrCookie.from(text);
                if (known.add(cookie)) {
                    cookies.add(CookieStatus.of(cookie));
                }
            } catch (InvalidCookieException e) {
                LOG.warn("{} line {}: {}", cli.cookieFile(), line, e.getMessage());
            }
        }
        return new PoolSnapshot(cookies, loaded.snapshot().retired());
    }

    /** @return the address the server is bound to */
    public InetSocketAddress address() {
        return address;
    }

    /** @return the live settings */
    public LiveConfig config() {
        return live;
    }

    /** @return the cookie pool */
    public CookiePool pool() {
        return pool;
    }

    /** @return the shared upstream client */
    public UpstreamClient upstream() {
        return upstream;
    }

    /** @return the document as loaded at start (for the banner: which passwords were generated) */
    public ConfigDocument startDocument() {
        return startDocument;
    }

    /** @return the config file */
    public ConfigFile file() {
        return file;
    }

    /**
     * Stops gracefully: no new connections, requests in flight finish (bounded), then the pool's
     * last changes are written and everything is released.
     */
    @Override
    public void close() {
        server.stop(SHUTDOWN_GRACE);
        stopServices(watcher, pool, scheduler, background, upstream, transport);
        LOG.info("stopped");
    }

    /** Stops what start-up started besides the server. */
    private static void stopServices(
            ConfigWatcher watcher,
            CookiePool pool,
            ScheduledExecutorService scheduler,
            ExecutorService background,
            UpstreamClient upstream,
            Transport transport) {
        watcher.close();
        pool.close();
        scheduler.shutdownNow();
        background.shutdownNow();
        upstream.close();
        transport.shutdown();
    }
}
