package io.clewdr.provider.claudecode;

import io.clewdr.config.Settings;
import io.clewdr.credential.ClewdrCookie;
import io.clewdr.credential.CookiePool;
import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.OAuthToken;
import io.clewdr.credential.Outcome;
import io.clewdr.provider.Opened;
import io.clewdr.provider.UpstreamError;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out a usable Claude Code token for a cookie (clewdr-behaviour.md §7.3): the cached one while
 * more than five minutes are left, else a refresh, else (no token, or {@code invalid_grant}) a full
 * authorization. Tokens are stored in the cookie's record through {@link CookiePool#update}, which
 * persists them.
 *
 * <p>Design: at most one authorization or refresh runs per cookie. The first caller that finds the
 * token unusable puts its future into {@link #inflight} and does the work on its own thread; callers
 * for the same cookie that arrive meanwhile wait on that future. No lock is held across I/O: the map
 * is the only coordination. The token is stored before the future is removed, so a caller that
 * arrives after the removal sees the new token in the pool and makes no call.
 */
final class TokenSource {
    private static final Logger LOG = LoggerFactory.getLogger(TokenSource.class);

    private final OAuthFlow flow;
    private final CookiePool pool;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final ConcurrentHashMap<ClewdrCookie, CompletableFuture<Result<OAuthToken>>> inflight =
            new ConcurrentHashMap<>();

    TokenSource(OAuthFlow flow, CookiePool pool, Supplier<Settings> settings, Clock clock, RandomGenerator random) {
        this.flow = flow;
        this.pool = pool;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
    }

    /**
     * A token for {@code leased}'s cookie.
     *
     * @param leased the cookie's record as leased (the pool's current record is read again)
     * @param rejected an access token the upstream just refused (401), which must not be handed out
     *     again, or null
     * @return the token, or the failure that ends the attempt
     * @throws InterruptedException if the request was abandoned while waiting
     */
    Result<OAuthToken> token(CookieStatus leased, @Nullable String rejected) throws InterruptedException {
        ClewdrCookie cookie = leased.cookie();
        while (true) {
            Optional<OAuthToken> cached = usable(current(leased), rejected);
            if (cached.isPresent()) {
                return Result.ok(cached.get());
            }
            CompletableFuture<Result<OAuthToken>> mine = new CompletableFuture<>();
            CompletableFuture<Result<OAuthToken>> running = inflight.putIfAbsent(cookie, mine);
            if (running == null) {
                return lead(leased, rejected, mine);
            }
            try {
                Result<OAuthToken> result = running.get();
                // A fresh result is used as is, even if it is short-lived: looking again would
                // start another call for every waiter.
                if (!(result instanceof Result.Ok<OAuthToken>(OAuthToken token))
                        || !token.accessToken().equals(rejected)) {
                    return result;
                }
            } catch (ExecutionException e) {
                // The leader was interrupted or failed unexpectedly: look again, maybe lead.
                LOG.debug("Token work for {} ended without a result; trying again", cookie.masked());
            }
        }
    }

    private Result<OAuthToken> lead(
            CookieStatus leased, @Nullable String rejected, CompletableFuture<Result<OAuthToken>> mine)
            throws InterruptedException {
        try {
            // Another leader may have finished between our look and our putIfAbsent.
            CookieStatus now = current(leased);
            Optional<OAuthToken> cached = usable(now, rejected);
            Result<OAuthToken> result = cached.isPresent() ? Result.ok(cached.get()) : renew(now);
            mine.complete(result);
            return result;
        } catch (Throwable t) {
            mine.completeExceptionally(t);
            throw t;
        } finally {
            inflight.remove(leased.cookie(), mine);
        }
    }

    private Optional<OAuthToken> usable(CookieStatus status, @Nullable String rejected) {
        return status.token()
                .filter(t -> !t.expiresSoon(clock.instant()))
                .filter(t -> !t.accessToken().equals(rejected));
    }

    /** Refresh when there is a refresh token; authorize when there is none or the grant is dead. */
    private Result<OAuthToken> renew(CookieStatus status) throws InterruptedException {
        Settings now = settings.get();
        ClewdrCookie cookie = status.cookie();
        OAuthToken old = status.token().orElse(null);
        if (old != null && !old.refreshToken().isEmpty()) {
            Result<TokenAnswer> refreshed = flow.refresh(old.refreshToken(), now);
            switch (refreshed) {
                case Result.Err<TokenAnswer>(var failure) -> {
                    return Result.err(failure);
                }
                case Result.Ok<TokenAnswer>(TokenAnswer.Granted granted) -> {
                    LOG.info("[TOKEN] {}: refreshed", cookie.masked());
                    return store(cookie, granted, old.organizationUuid());
                }
                case Result.Ok<TokenAnswer>(TokenAnswer.Rejected rejected)
                when rejected.invalidGrant() -> {
                    LOG.info("[TOKEN] {}: refresh token no longer valid, authorizing again", cookie.masked());
                    pool.update(cookie, s -> s.toBuilder().token(null).build());
                }
                case Result.Ok<TokenAnswer>(TokenAnswer.Rejected rejected) -> {
                    LOG.warn("[TOKEN] {}: refresh rejected ({})", cookie.masked(), rejected.error());
                    return Result.err(rejected.failure());
                }
                case Result.Ok<TokenAnswer>(TokenAnswer.Broken broken) -> {
                    return Result.err(broken.failure());
                }
            }
        }
        return authorize(cookie, now);
    }

    /** The full dance: organization, authorize, exchange. */
    private Result<OAuthToken> authorize(ClewdrCookie cookie, Settings now) throws InterruptedException {
        OAuthFlow.Organization org;
        switch (flow.organization(cookie, now)) {
            case Result.Err<OAuthFlow.Organization>(var failure) -> {
                return Result.err(failure);
            }
            case Result.Ok<OAuthFlow.Organization>(var found) -> org = found;
        }
        if (!org.pro()) {
            return free(cookie);
        }
        Pkce pkce = Pkce.create(random);
        OAuthFlow.AuthorizationCode code;
        switch (flow.authorize(cookie, org.uuid(), pkce, now)) {
            case Result.Err<OAuthFlow.AuthorizationCode>(var failure) -> {
                return Result.err(failure);
            }
            case Result.Ok<OAuthFlow.AuthorizationCode>(var returned) -> code = returned;
        }
        return switch (flow.exchange(code, pkce, now)) {
            case Result.Err<TokenAnswer>(var failure) -> Result.err(failure);
            case Result.Ok<TokenAnswer>(TokenAnswer.Granted granted) -> {
                LOG.info("[TOKEN] {}: authorized for Claude Code", cookie.masked());
                yield store(cookie, granted, org.uuid());
            }
            case Result.Ok<TokenAnswer>(TokenAnswer.Rejected rejected) -> {
                LOG.warn("[TOKEN] {}: code exchange rejected ({})", cookie.masked(), rejected.error());
                yield Result.err(rejected.failure());
            }
            case Result.Ok<TokenAnswer>(TokenAnswer.Broken broken) -> Result.err(broken.failure());
        };
    }

    /**
     * A free account cannot use Claude Code but still works on the web routes, so it is only marked
     * {@code code_unusable} (the original retired it for every route, §18 item 12) and this attempt
     * fails in a way that lets the relay try another cookie.
     */
    private Result<OAuthToken> free(ClewdrCookie cookie) {
        pool.update(cookie, s -> s.toBuilder().codeUnusable(true).build());
        LOG.warn("[TOKEN] {}: free account, marked unusable for Claude Code", cookie.masked());
        return Result.err(new Opened.Failed(
                new Outcome.Transient("free account: unusable for Claude Code"),
                UpstreamError.of(
                        403,
                        "permission_error",
                        "The cookie's account has no Pro or Max plan, which Claude Code needs;"
                                + " it stays usable on the Claude.ai web routes")));
    }

    private Result<OAuthToken> store(ClewdrCookie cookie, TokenAnswer.Granted granted, String orgUuid) {
        OAuthToken token = OAuthToken.issued(
                granted.accessToken(), granted.expiresIn(), granted.refreshToken(), orgUuid, clock.instant());
        if (!pool.update(cookie, s -> s.toBuilder().token(token).build())) {
            LOG.debug("[TOKEN] {}: no longer in the pool; the token is used once", cookie.masked());
        }
        return Result.ok(token);
    }

    /** The pool's current record of the cookie (another request may have stored a token), else {@code leased}. */
    CookieStatus current(CookieStatus leased) {
        AtomicReference<CookieStatus> seen = new AtomicReference<>(leased);
        pool.update(leased.cookie(), s -> {
            seen.set(s);
            return s;
        });
        return seen.get();
    }
}
