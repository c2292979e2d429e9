package io.clewdr.provider.claudecode;

import io.clewdr.config.Settings;
import io.clewdr.credential.ClewdrCookie;
import io.clewdr.credential.CookiePool;
import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.OAuthToken;
import io.clewdr.credential.Outcome;
import io.clewdr.credential.UsageProbe;
import io.clewdr.provider.ClaudeErrors;
import io.clewdr.provider.Opened;
import io.clewdr.upstream.Header;
import io.clewdr.upstream.UpstreamClient;
import io.clewdr.upstream.UpstreamRequest;
import io.clewdr.upstream.UpstreamResponse;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Claude Code backend (clewdr-behaviour.md §7): sends already-shaped Anthropic requests to the
 * official Messages API with an OAuth token minted from the leased cookie, and keeps each cookie's
 * quota-window boundaries up to date from the OAuth usage API. Thread-safe; every blocking method is
 * meant for the request's virtual thread.
 *
 * <p>Differences from the original, on purpose: a 401 from the API first renews the token and retries
 * once before the cookie is retired (§18 item 12); a free account is only marked unusable for Claude
 * Code, not retired; the usage probe runs in the background and never delays a response (§18 item 20).
 */
public final class ClaudeCodeBackend {
    private static final Logger LOG = LoggerFactory.getLogger(ClaudeCodeBackend.class);
    private static final JsonMapper JSON = JsonMapper.shared();

    private final UpstreamClient http;
    private final CookiePool pool;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final Executor background;
    private final String entrypoint;
    private final TokenSource tokens;
    private final Set<ClewdrCookie> probing = ConcurrentHashMap.newKeySet();

    private ClaudeCodeBackend(
            UpstreamClient http,
            CookiePool pool,
            Supplier<Settings> settings,
            Clock clock,
            Executor background,
            String entrypoint) {
        this.http = Objects.requireNonNull(http, "http");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.background = Objects.requireNonNull(background, "background");
        this.entrypoint = entrypoint == null ? "" : entrypoint;
        this.tokens = new TokenSource(new OAuthFlow(http, clock), pool, settings, clock, new SecureRandom());
    }

    /**
     * Creates the backend.
     *
     * @param http the shared upstream client
     * @param pool the cookie pool; tokens, {@code code_unusable}, {@code count_tokens_allowed} and the
     *     window boundaries are stored through {@link CookiePool#update}
     * @param settings read once per call
     * @param clock the time source of token expiry and window boundaries
     * @param background where the quota-window probes run
     * @param entrypoint the {@code CLAUDE_CODE_ENTRYPOINT} the billing header names (blank: {@code cli})
     * @return the backend
     */
    public static ClaudeCodeBackend create(
            UpstreamClient http,
            CookiePool pool,
            Supplier<Settings> settings,
            Clock clock,
            Executor background,
            String entrypoint) {
        return new ClaudeCodeBackend(http, pool, settings, clock, background, entrypoint);
    }

    /**
     * The request shaper for the current settings ({@code custom_system}, {@code claude_code_version})
     * and this backend's entry point; the relay shapes each body with it before calling {@link #messages}.
     *
     * @return the shaper
     */
    public CodeRequestShaper shaper() {
        Settings now = settings.get();
        return CodeRequestShaper.create(now.customSystem(), now.upstream().claudeCodeVersion(), entrypoint);
    }

    /**
     * Opens {@code POST <base>v1/messages} with the cookie's token (authorizing or refreshing first as
     * needed). A 401 renews the token once and retries once; only a second 401 retires the cookie.
     * Other non-2xx answers are classified by {@link ClaudeErrors#classify}.
     *
     * @param cookie the leased cookie
     * @param body the shaped request JSON
     * @param clientBetaHeaders every {@code anthropic-beta} value the client sent
     * @param stream whether the body asks for a stream ({@code Accept: text/event-stream})
     * @return the response with its body unread, or the failure for the pool and the client
     * @throws InterruptedException if the request was abandoned
     */
    public Opened messages(CookieStatus cookie, byte[] body, List<String> clientBetaHeaders, boolean stream)
            throws InterruptedException {
        return messages(cookie, body, clientBetaHeaders, stream, null);
    }

    /**
     * {@link #messages(CookieStatus, byte[], List, boolean)}, and for an answer that is not streamed,
     * {@code onSuccess} sees a 2xx response on the event loop as soon as its body is in, before this
     * method returns it (see {@link UpstreamRequest#withPrefetchedBody(int, Consumer)}).
     *
     * @param cookie the leased cookie
     * @param body the shaped request JSON
     * @param clientBetaHeaders every {@code anthropic-beta} value the client sent
     * @param stream whether the body asks for a stream
     * @param onSuccess the early look at a successful whole answer, or null; must not block
     * @return the response, or the failure for the pool and the client
     * @throws InterruptedException if the request was abandoned
     */
    public Opened messages(
            CookieStatus cookie,
            byte[] body,
            List<String> clientBetaHeaders,
            boolean stream,
            @Nullable Consumer<UpstreamResponse> onSuccess)
            throws InterruptedException {
        Consumer<UpstreamResponse> early = onSuccess == null
                ? null
                : response -> {
                    if (response.status() >= 200 && response.status() < 300) {
                        onSuccess.accept(response);
                    }
                };
        return switch (call(
                cookie,
                (token, now) -> apiRequest("v1/messages", token, body, clientBetaHeaders, stream, now, early))) {
            case Result.Err<UpstreamResponse>(var failure) -> failure;
            case Result.Ok<UpstreamResponse>(var response) -> finish(response);
        };
    }

    /**
     * Opens {@code POST <base>v1/messages/count_tokens} (§7.11), with the same token handling and
     * headers as {@link #messages}. Success marks the cookie {@code count_tokens_allowed = true}. A
     * plain 403 (not the OAuth-refused one) or a 404 marks it {@code false} and returns a failure whose
     * outcome is {@link Outcome.Success}: the cookie is fine, the account just cannot count tokens, so
     * the relay should answer this request (and, seeing the flag, later ones) with the local estimate.
     *
     * @param cookie the leased cookie
     * @param body the shaped request JSON
     * @param clientBetaHeaders every {@code anthropic-beta} value the client sent
     * @return the response with its body unread, or the failure
     * @throws InterruptedException if the request was abandoned
     */
    public Opened countTokens(CookieStatus cookie, byte[] body, List<String> clientBetaHeaders)
            throws InterruptedException {
        Result<UpstreamResponse> opened = call(
                cookie,
                (token, now) ->
                        apiRequest("v1/messages/count_tokens", token, body, clientBetaHeaders, false, now, null));
        if (!(opened instanceof Result.Ok<UpstreamResponse>(UpstreamResponse response))) {
            return ((Result.Err<UpstreamResponse>) opened).failure();
        }
        Opened result = finish(response);
        if (result instanceof Opened.Accepted) {
            markCountTokens(cookie.cookie(), true);
        } else if (result instanceof Opened.Failed failed
                && failed.outcome() instanceof Outcome.Success
                && (response.status() == 403 || response.status() == 404)) {
            markCountTokens(cookie.cookie(), false);
        }
        return result;
    }

    /**
     * Schedules the quota-window check of §7.12 on the background executor and returns at once: when
     * a window's boundary is unknown or has passed, probe the usage API and apply what it says (or,
     * when the probe fails, roll the due windows by their length). Call it after each Claude Code
     * exchange is accounted. At most one probe per cookie runs at a time.
     *
     * @param cookie the cookie that was just used
     */
    public void refreshWindowsIfDue(ClewdrCookie cookie) {
        // Decided here, on the request's thread, so that the usual case (nothing due) starts no
        // thread; the background check decides again on the record it then finds.
        Optional<CookieStatus> status = pool.find(cookie);
        if (status.isEmpty() || probing.contains(cookie) || !QuotaWindows.probeNeeded(status.get(), clock.instant())) {
            return;
        }
        try {
            background.execute(() -> probeWindows(cookie));
        } catch (RejectedExecutionException e) {
            LOG.debug("Quota window check for {} skipped: shutting down", cookie.masked());
        }
    }

    /**
     * What the OAuth usage API says about the cookie's account, for the admin listing (§9.2). Ensures
     * a token first, which may authorize the cookie and store the token. Changes no other state.
     *
     * @param cookie the cookie
     * @return the usage, or empty when it could not be fetched
     * @throws InterruptedException if the caller was interrupted
     */
    public Optional<UsageProbe> usage(CookieStatus cookie) throws InterruptedException {
        return switch (call(cookie, this::usageRequest)) {
            case Result.Err<UpstreamResponse>(var failure) -> {
                LOG.debug(
                        "Usage of {} unavailable: {}",
                        cookie.cookie().masked(),
                        failure.error().message());
                yield Optional.empty();
            }
            case Result.Ok<UpstreamResponse>(var response) -> readUsage(cookie.cookie(), response);
        };
    }

    /** Builds one upstream request from a token and the settings of this call. */
    @FunctionalInterface
    private interface TokenRequest {
        UpstreamRequest build(OAuthToken token, Settings now);
    }

    /**
     * Sends a token-bearing request; on a 401 renews the token once (the refused one is never handed
     * out again) and sends it once more. The result is the last response, any status.
     */
    private Result<UpstreamResponse> call(CookieStatus cookie, TokenRequest request) throws InterruptedException {
        @Nullable String refused = null;
        for (int attempt = 0; ; attempt++) {
            OAuthToken token;
            switch (tokens.token(cookie, refused)) {
                case Result.Err<OAuthToken>(var failure) -> {
                    return Result.err(failure);
                }
                case Result.Ok<OAuthToken>(var ready) -> token = ready;
            }
            Result<UpstreamResponse> opened = UpstreamCall.open(http, request.build(token, settings.get()));
            if (attempt == 0
                    && opened instanceof Result.Ok<UpstreamResponse>(UpstreamResponse response)
                    && response.status() == 401) {
                response.cancel();
                LOG.info(
                        "[TOKEN] {}: token refused (401), renewing it once",
                        cookie.cookie().masked());
                refused = token.accessToken();
                continue;
            }
            return opened;
        }
    }

    private Opened finish(UpstreamResponse response) throws InterruptedException {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return new Opened.Accepted(response);
        }
        return switch (UpstreamCall.read(response)) {
            case Result.Err<UpstreamCall.Answer>(var failure) -> failure;
            case Result.Ok<UpstreamCall.Answer>(var answer) ->
                ClaudeErrors.classify(status, answer.headers(), answer.body(), clock.instant());
        };
    }

    private UpstreamRequest apiRequest(
            String path,
            OAuthToken token,
            byte[] body,
            List<String> betas,
            boolean stream,
            Settings now,
            @Nullable Consumer<UpstreamResponse> onArrival) {
        URI uri = now.effectiveClaudeBase().resolve(path);
        UpstreamRequest request = UpstreamRequest.of("POST", uri)
                .withHeaders(List.of(
                        Header.of("Authorization", "Bearer " + token.accessToken()),
                        Header.of("User-Agent", now.upstream().claudeCodeUserAgent()),
                        Header.of("anthropic-version", OAuthFlow.ANTHROPIC_VERSION),
                        Header.of("anthropic-beta", AnthropicBeta.merge(AnthropicBeta.OAUTH, betas)),
                        Header.of("Content-Type", "application/json"),
                        Header.of("Accept", stream ? "text/event-stream" : "application/json")))
                .withBody(body);
        // An answer that is not streamed is read whole in any case: read it on the event loop.
        if (stream) {
            return request;
        }
        return onArrival == null
                ? request.withPrefetchedBody(UpstreamCall.MAX_ANSWER)
                : request.withPrefetchedBody(UpstreamCall.MAX_ANSWER, onArrival);
    }

    private UpstreamRequest usageRequest(OAuthToken token, Settings now) {
        return UpstreamRequest.of("GET", URI.create(now.upstream().oauthUsageUrl()))
                .withHeader("Authorization", "Bearer " + token.accessToken())
                .withHeader("Accept", "application/json, text/plain, */*")
                .withHeader("User-Agent", now.upstream().claudeCodeUserAgent())
                .withHeader("anthropic-beta", AnthropicBeta.OAUTH);
    }

    private Optional<UsageProbe> readUsage(ClewdrCookie cookie, UpstreamResponse response) throws InterruptedException {
        if (!(UpstreamCall.read(response) instanceof Result.Ok<UpstreamCall.Answer>(UpstreamCall.Answer answer))) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            LOG.debug("Usage of {} unavailable: HTTP {}", cookie.masked(), answer.status());
            return Optional.empty();
        }
        try {
            return Optional.of(UsageProbe.fromJson(JSON.readTree(answer.body())));
        } catch (JacksonException e) {
            LOG.debug("Usage of {} unreadable", cookie.masked());
            return Optional.empty();
        }
    }

    private void markCountTokens(ClewdrCookie cookie, boolean allowed) {
        pool.update(
                cookie,
                s -> s.countTokensAllowed().equals(Optional.of(allowed))
                        ? s
                        : s.toBuilder().countTokensAllowed(allowed).build());
    }

    /** The background part of {@link #refreshWindowsIfDue}. */
    private void probeWindows(ClewdrCookie cookie) {
        if (!probing.add(cookie)) {
            return;
        }
        try {
            Optional<CookieStatus> status = pool.find(cookie);
            if (status.isEmpty() || !QuotaWindows.probeNeeded(status.get(), clock.instant())) {
                return;
            }
            pool.update(
                    cookie,
                    s -> s.toBuilder().resetsLastCheckedAt(clock.instant()).build());
            Optional<UsageProbe> probe = usage(status.get());
            if (probe.isPresent()) {
                pool.update(cookie, s -> QuotaWindows.afterProbe(s, probe.get(), clock.instant()));
                LOG.debug("Quota windows of {} updated from the usage API", cookie.masked());
            } else {
                pool.update(cookie, s -> QuotaWindows.afterFailedProbe(s, clock.instant()));
                LOG.debug("Quota window probe of {} failed; due windows rolled locally", cookie.masked());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Quota window check of {} failed", cookie.masked(), e);
        } finally {
            probing.remove(cookie);
        }
    }
}
