package io.clewdr.testkit;

import io.clewdr.config.Upstream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake of Anthropic's OAuth side as ClewdR's Claude Code backend uses it (clewdr-behaviour.md
 * §7.4-7.7, 7.12), on the same {@link FakeUpstream} as {@link FakeClaudeAccounts} (which plays
 * {@code claude_base}) and {@link FakeAnthropicApi}:
 *
 * <ul>
 *   <li>{@code POST /v1/oauth/{org}/authorize}: the cookie must belong to the org and the JSON fields
 *       must be the documented ones; answers a {@code redirect_uri} carrying {@code code} and {@code state};
 *   <li>{@code POST /v1/oauth/token}: a form; both grants; checks the {@code code_verifier} against the
 *       stored challenge; issued access tokens expire after {@link #expiresIn}; refresh tokens rotate and
 *       can be revoked ({@code {"error":"invalid_grant"}});
 *   <li>{@code GET /api/oauth/usage}: the usage windows of the token's account;
 *   <li>the Messages and count_tokens calls of the API fake only accept issued, unexpired, unrevoked
 *       Bearer tokens with the {@code oauth-2025-04-20} beta (401 otherwise); count_tokens can be made to
 *       answer 403 or 404 per account.
 * </ul>
 *
 * Time comes from the clock the test gives, so expiry follows the test's clock.
 */
public final class FakeAnthropicOAuth {
    /** The token endpoint's path. */
    public static final String TOKEN_PATH = "/v1/oauth/token";
    /** The usage endpoint's path. */
    public static final String USAGE_PATH = "/api/oauth/usage";
    /** The client id the fake expects by default (the Claude Code CLI's). */
    public static final String CLIENT_ID = "9d1c250a-e61b-44d9-88ed-5944d1962f5e";
    /** The redirect URI the fake expects. */
    public static final String REDIRECT_URI = "https://console.anthropic.com/oauth/code/callback";

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Pattern AUTHORIZE = Pattern.compile("/v1/oauth/([^/]+)/authorize");
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private record PendingCode(
            FakeClaudeAccounts.Account account, String challenge, String clientId, String redirectUri, String state) {}

    private record Issued(FakeClaudeAccounts.Account account, Instant expiresAt) {}

    private final FakeUpstream server;
    private final FakeClaudeAccounts accounts;
    private final Clock clock;
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final Map<String, Issued> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, FakeClaudeAccounts.Account> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Set<String> refusedAccounts = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> countTokensStatus = new ConcurrentHashMap<>();
    private final Map<String, Function<Recorded, Reply>> usageReplies = new ConcurrentHashMap<>();
    private final Deque<Function<Recorded, Reply>> queuedTokenReplies = new ArrayDeque<>();
    private final AtomicInteger serial = new AtomicInteger();

    /** Calls of the authorize endpoint. */
    public final AtomicInteger authorizeCalls = new AtomicInteger();
    /** Calls of the token endpoint (both grants, failures included). */
    public final AtomicInteger tokenCalls = new AtomicInteger();
    /** Authorization-code grants that issued a token. */
    public final AtomicInteger codeGrants = new AtomicInteger();
    /** Refresh grants that issued a token. */
    public final AtomicInteger refreshGrants = new AtomicInteger();
    /** Calls of the usage endpoint. */
    public final AtomicInteger usageCalls = new AtomicInteger();

    /** The lifetime of issued access tokens. */
    public volatile Duration expiresIn = Duration.ofHours(1);
    /** How long the token endpoint takes to answer. */
    public volatile Duration tokenDelay = Duration.ZERO;
    /** The client id the authorize and token endpoints accept. */
    public volatile String expectedClientId = CLIENT_ID;

    private FakeAnthropicOAuth(FakeUpstream server, FakeClaudeAccounts accounts, Clock clock) {
        this.server = server;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Serves the OAuth endpoints on the server of {@code accounts} and makes {@code api} check tokens.
     *
     * @param accounts the accounts (their server is used)
     * @param api the Messages fake on the same server
     * @param clock the time of token expiry
     * @return the fake
     */
    public static FakeAnthropicOAuth attach(FakeClaudeAccounts accounts, FakeAnthropicApi api, Clock clock) {
        FakeAnthropicOAuth fake = new FakeAnthropicOAuth(accounts.server(), accounts, clock);
        FakeUpstream server = accounts.server();
        server.onPrefix("POST", "/v1/oauth/", fake::authorize);
        server.on("POST", TOKEN_PATH, fake::token);
        server.on("GET", USAGE_PATH, fake::usage);
        api.authenticateWith(fake::checkApiCall);
        return fake;
    }

    /** @return an {@code [upstream]} table pointing every Claude URL at this server */
    public Upstream upstream() {
        String base = server.baseUri().toString();
        Upstream defaults = Upstream.defaults();
        return new Upstream(
                base,
                base + TOKEN_PATH.substring(1),
                base + USAGE_PATH.substring(1),
                REDIRECT_URI,
                defaults.geminiBase(),
                defaults.vertexBase(),
                null,
                defaults.claudeCodeVersion(),
                defaults.claudeCodeUserAgent());
    }

    /**
     * Revokes every access and refresh token of the account (a user who signed out everywhere).
     *
     * @param account the account
     */
    public void revokeAll(FakeClaudeAccounts.Account account) {
        revokeAccessTokens(account);
        refreshTokens.forEach((token, owner) -> {
            if (owner == account) {
                revoked.add(token);
            }
        });
    }

    /**
     * Revokes the account's access tokens; its refresh tokens keep working.
     *
     * @param account the account
     */
    public void revokeAccessTokens(FakeClaudeAccounts.Account account) {
        accessTokens.forEach((token, issued) -> {
            if (issued.account() == account) {
                revoked.add(token);
            }
        });
    }

    /**
     * Makes the API refuse every token of the account, even new ones (an account that lost API access).
     *
     * @param account the account
     */
    public void refuseEveryToken(FakeClaudeAccounts.Account account) {
        refusedAccounts.add(account.cookie);
    }

    /**
     * Makes count_tokens answer this status (403 or 404) for the account.
     *
     * @param account the account
     * @param status the status
     */
    public void countTokensAnswers(FakeClaudeAccounts.Account account, int status) {
        countTokensStatus.put(account.cookie, status);
    }

    /**
     * Scripts the usage endpoint for the account.
     *
     * @param account the account
     * @param reply the reply
     */
    public void usageAnswers(FakeClaudeAccounts.Account account, Function<Recorded, Reply> reply) {
        usageReplies.put(account.cookie, reply);
    }

    /**
     * Scripts the next answer of the token endpoint (after the call is counted).
     *
     * @param reply the reply
     */
    public void enqueueTokenReply(Function<Recorded, Reply> reply) {
        synchronized (queuedTokenReplies) {
            queuedTokenReplies.addLast(reply);
        }
    }

    /** @return the access tokens issued so far */
    public Set<String> issuedAccessTokens() {
        return Set.copyOf(accessTokens.keySet());
    }

    /** @return the requests the token endpoint received */
    public List<Recorded> tokenRequests() {
        return server.received(TOKEN_PATH);
    }

    /**
     * Decodes a form body, keeping the field order.
     *
     * @param request a form request
     * @return the fields in order
     */
    public static List<Map.Entry<String, String>> form(Recorded request) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        String body = request.bodyText();
        if (body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            fields.add(Map.entry(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        return fields;
    }

    /**
     * The account an issued access token belongs to, if it is valid now.
     *
     * @param accessToken the token
     * @return the account or null
     */
    public FakeClaudeAccounts.@Nullable Account validAccount(@Nullable String accessToken) {
        if (accessToken == null || revoked.contains(accessToken)) {
            return null;
        }
        Issued issued = accessTokens.get(accessToken);
        if (issued == null || !clock.instant().isBefore(issued.expiresAt())) {
            return null;
        }
        return issued.account();
    }

    private Reply authorize(Recorded request) {
        Matcher path = AUTHORIZE.matcher(request.path());
        if (!path.matches()) {
            return FakeAnthropicApi.error(404, "not_found_error", "fake: no route " + request.path());
        }
        authorizeCalls.incrementAndGet();
        Reply refused = accounts.refusal(request);
        if (refused != null) {
            return refused;
        }
        FakeClaudeAccounts.Account account = accounts.of(request);
        String org = path.group(1);
        if (!account.orgUuid.equals(org)) {
            return FakeAnthropicApi.error(403, "permission_error", "not a member of organization " + org);
        }
        JsonNode body = request.json();
        String problem = firstProblem(body, org);
        if (problem != null) {
            return FakeAnthropicApi.error(400, "invalid_request_error", problem);
        }
        String code = "code-" + serial.incrementAndGet() + "+/=x";
        String state = body.path("state").asString();
        codes.put(
                code,
                new PendingCode(
                        account,
                        body.path("code_challenge").asString(),
                        body.path("client_id").asString(),
                        body.path("redirect_uri").asString(),
                        state));
        ObjectNode answer = JSON.createObjectNode();
        answer.put(
                "redirect_uri",
                REDIRECT_URI + "?code=" + java.net.URLEncoder.encode(code, StandardCharsets.UTF_8) + "&state="
                        + java.net.URLEncoder.encode(state, StandardCharsets.UTF_8));
        return Reply.json(200, answer);
    }

    private @Nullable String firstProblem(JsonNode body, String org) {
        Map<String, String> expected = Map.of(
                "response_type",
                "code",
                "client_id",
                expectedClientId,
                "code_challenge_method",
                "S256",
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "user:profile user:inference",
                "organization_uuid",
                org);
        for (Map.Entry<String, String> field : expected.entrySet()) {
            if (!field.getValue().equals(body.path(field.getKey()).asString(null))) {
                return "bad or missing field " + field.getKey();
            }
        }
        if (body.path("state").asString("").isEmpty()) {
            return "missing state";
        }
        if (!CHALLENGE.matcher(body.path("code_challenge").asString("")).matches()) {
            return "code_challenge is not a base64url SHA-256";
        }
        return null;
    }

    private Reply token(Recorded request) {
        tokenCalls.incrementAndGet();
        Reply reply = tokenReply(request);
        return reply.delay(tokenDelay);
    }

    private Reply tokenReply(Recorded request) {
        Function<Recorded, Reply> scripted;
        synchronized (queuedTokenReplies) {
            scripted = queuedTokenReplies.pollFirst();
        }
        if (scripted != null) {
            return scripted.apply(request);
        }
        String type = request.header("content-type");
        if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
            return grantError(400, "invalid_request", "expected a form body");
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> field : form(request)) {
            if (fields.put(field.getKey(), field.getValue()) != null) {
                return grantError(400, "invalid_request", "duplicate field " + field.getKey());
            }
        }
        if (!expectedClientId.equals(fields.get("client_id"))) {
            return grantError(401, "invalid_client", "unknown client");
        }
        return switch (fields.getOrDefault("grant_type", "")) {
            case "authorization_code" -> codeGrant(fields);
            case "refresh_token" -> refreshGrant(fields);
            default -> grantError(400, "unsupported_grant_type", "unsupported grant type");
        };
    }

    private Reply codeGrant(Map<String, String> fields) {
        PendingCode pending = codes.remove(fields.getOrDefault("code", ""));
        if (pending == null) {
            return grantError(400, "invalid_grant", "Invalid authorization code");
        }
        if (!pending.redirectUri().equals(fields.get("redirect_uri"))
                || !pending.clientId().equals(fields.get("client_id"))) {
            return grantError(400, "invalid_grant", "redirect_uri or client_id does not match");
        }
        if (fields.containsKey("state") && !pending.state().equals(fields.get("state"))) {
            return grantError(400, "invalid_grant", "state does not match");
        }
        String verifier = fields.getOrDefault("code_verifier", "");
        if (!s256(verifier).equals(pending.challenge())) {
            return grantError(400, "invalid_grant", "code_verifier does not match the code_challenge");
        }
        codeGrants.incrementAndGet();
        return issue(pending.account());
    }

    private Reply refreshGrant(Map<String, String> fields) {
        String refresh = fields.getOrDefault("refresh_token", "");
        FakeClaudeAccounts.Account account = refreshTokens.get(refresh);
        if (account == null || revoked.contains(refresh)) {
            return grantError(400, "invalid_grant", "Refresh token not found or invalid");
        }
        // Refresh tokens rotate: the old one is spent.
        revoked.add(refresh);
        refreshGrants.incrementAndGet();
        return issue(account);
    }

    private Reply issue(FakeClaudeAccounts.Account account) {
        int n = serial.incrementAndGet();
        String access = "sk-ant-oat01-fake-" + n;
        String refresh = "sk-ant-ort01-fake-" + n;
        Duration lifetime = expiresIn;
        accessTokens.put(access, new Issued(account, clock.instant().plus(lifetime)));
        refreshTokens.put(refresh, account);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("token_type", "Bearer");
        answer.put("access_token", access);
        answer.put("expires_in", lifetime.toSeconds());
        answer.put("refresh_token", refresh);
        answer.put("scope", "user:profile user:inference");
        answer.putObject("organization").put("uuid", account.orgUuid);
        answer.putObject("account").put("email_address", account.email);
        return Reply.json(200, answer);
    }

    private static Reply grantError(int status, String error, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        return Reply.json(status, body);
    }

    private @Nullable Reply checkApiCall(Recorded request) {
        String auth = request.header("authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        FakeClaudeAccounts.Account account = validAccount(token);
        if (account == null) {
            return FakeAnthropicApi.error(401, "authentication_error", "Invalid bearer token");
        }
        String beta = request.header("anthropic-beta");
        if (beta == null || !List.of(beta.split(",")).contains("oauth-2025-04-20")) {
            return FakeAnthropicApi.error(
                    401, "authentication_error", "OAuth authentication is currently not supported.");
        }
        if (refusedAccounts.contains(account.cookie)) {
            return FakeAnthropicApi.error(401, "authentication_error", "Invalid bearer token");
        }
        Integer status = countTokensStatus.get(account.cookie);
        if (status != null && request.path().endsWith("/count_tokens")) {
            return status == 404
                    ? FakeAnthropicApi.error(404, "not_found_error", "Not found")
                    : FakeAnthropicApi.error(403, "permission_error", "count_tokens is not available");
        }
        return null;
    }

    private Reply usage(Recorded request) {
        usageCalls.incrementAndGet();
        String auth = request.header("authorization");
        FakeClaudeAccounts.Account account =
                validAccount(auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null);
        if (account == null) {
            return FakeAnthropicApi.error(401, "authentication_error", "Invalid bearer token");
        }
        Function<Recorded, Reply> scripted = usageReplies.get(account.cookie);
        if (scripted != null) {
            return scripted.apply(request);
        }
        Instant now = clock.instant();
        ObjectNode body = JSON.createObjectNode();
        body.putObject("five_hour")
                .put("utilization", 12.5)
                .put("resets_at", now.plus(Duration.ofHours(3)).toString());
        body.putObject("seven_day")
                .put("utilization", 40.0)
                .put("resets_at", now.plus(Duration.ofDays(2)).toString());
        body.putObject("seven_day_sonnet").put("utilization", 3.0).putNull("resets_at");
        return Reply.json(200, body);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
