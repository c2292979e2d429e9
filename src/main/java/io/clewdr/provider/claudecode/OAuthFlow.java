package io.clewdr.provider.claudecode;

import io.clewdr.config.Settings;
import io.clewdr.credential.ClewdrCookie;
import io.clewdr.credential.Outcome;
import io.clewdr.credential.Reason;
import io.clewdr.provider.ClaudeErrors;
import io.clewdr.provider.Opened;
import io.clewdr.provider.UpstreamError;
import io.clewdr.upstream.UpstreamClient;
import io.clewdr.upstream.UpstreamRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP steps of turning a cookie into a Claude Code token (clewdr-behaviour.md §7.4-7.7):
 * resolve the organization, authorize with PKCE, exchange the code, refresh. Each step returns a
 * value; none of them touches the pool (that is {@link TokenSource}'s job). Stateless apart from the
 * client; thread-safe.
 */
final class OAuthFlow {

    /** The Claude Code CLI's public OAuth client. */
    static final String DEFAULT_CLIENT_ID = "9d1c250a-e61b-44d9-88ed-5944d1962f5e";

    /** The scopes the authorize step asks for. */
    static final String SCOPES = "user:profile user:inference";

    static final String ANTHROPIC_VERSION = "2023-06-01";

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final List<String> PRO_MARKERS = List.of("pro", "enterprise", "raven", "max");

    private final UpstreamClient http;
    private final Clock clock;

    OAuthFlow(UpstreamClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * The account's chat organization.
     *
     * @param uuid the organization uuid
     * @param pro whether a capability names a paid plan (pro, enterprise, raven, max)
     */
    record Organization(String uuid, boolean pro) {}

    /**
     * The code the authorize step returned.
     *
     * @param code the authorization code
     * @param state the state, when the redirect carried one
     */
    record AuthorizationCode(String code, Optional<String> state) {
        @Override
        public String toString() {
            return "AuthorizationCode[state=" + state.isPresent() + "]";
        }
    }

    /** Step A: {@code GET <base>api/bootstrap} with the cookie; no account, membership or chat org is {@code Null}. */
    Result<Organization> organization(ClewdrCookie cookie, Settings settings) throws InterruptedException {
        URI base = settings.effectiveClaudeBase();
        UpstreamRequest request = UpstreamRequest.of("GET", base.resolve("api/bootstrap"))
                .withHeader("Origin", base.toString())
                .withHeader("Referer", base.resolve("new").toString())
                .withHeader("User-Agent", settings.upstream().claudeCodeUserAgent())
                .withHeader("Cookie", cookie.headerValue());
        return switch (UpstreamCall.fetch(http, request)) {
            case Result.Err<UpstreamCall.Answer>(var failure) -> Result.err(failure);
            case Result.Ok<UpstreamCall.Answer>(var answer) when !answer.ok() -> Result.err(classify(answer));
            case Result.Ok<UpstreamCall.Answer>(var answer) -> organizationOf(parse(answer.body()));
        };
    }

    private static Result<Organization> organizationOf(JsonNode bootstrap) {
        if (!bootstrap.isObject()) {
            return Result.err(broken("the bootstrap answer is not JSON"));
        }
        JsonNode account = bootstrap.path("account");
        if (!account.isObject()) {
            return Result.err(unusable("the bootstrap has no account"));
        }
        JsonNode memberships = account.path("memberships");
        if (!memberships.isArray()) {
            return Result.err(unusable("the account has no memberships"));
        }
        for (JsonNode membership : memberships) {
            JsonNode org = membership.path("organization");
            List<String> capabilities = new ArrayList<>();
            org.path("capabilities")
                    .forEach(c -> capabilities.add(c.asString("").toLowerCase(Locale.ROOT)));
            if (capabilities.contains("chat") && org.path("uuid").isString()) {
                boolean pro =
                        capabilities.stream().anyMatch(c -> PRO_MARKERS.stream().anyMatch(c::contains));
                return Result.ok(new Organization(org.path("uuid").stringValue(), pro));
            }
        }
        return Result.err(unusable("the account has no chat organization"));
    }

    /** Step B: {@code POST <base>v1/oauth/{org}/authorize} with the cookie; the code comes from {@code redirect_uri}. */
    Result<AuthorizationCode> authorize(ClewdrCookie cookie, String orgUuid, Pkce pkce, Settings settings)
            throws InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("response_type", "code");
        body.put("client_id", clientId(settings));
        body.put("state", pkce.state());
        body.put("code_challenge", pkce.challenge());
        body.put("code_challenge_method", "S256");
        body.put("redirect_uri", settings.upstream().oauthRedirectUri());
        body.put("scope", SCOPES);
        body.put("organization_uuid", orgUuid);
        URI uri = settings.effectiveClaudeBase().resolve("v1/oauth/" + orgUuid + "/authorize");
        UpstreamRequest request = UpstreamRequest.of("POST", uri)
                .withHeader("User-Agent", settings.upstream().claudeCodeUserAgent())
                .withHeader("Cookie", cookie.headerValue())
                .withHeader("Content-Type", "application/json")
                .withHeader("Accept", "application/json")
                .withBody(JSON.writeValueAsBytes(body));
        return switch (UpstreamCall.fetch(http, request)) {
            case Result.Err<UpstreamCall.Answer>(var failure) -> Result.err(failure);
            case Result.Ok<UpstreamCall.Answer>(var answer) when !answer.ok() -> Result.err(classify(answer));
            case Result.Ok<UpstreamCall.Answer>(var answer) -> codeOf(parse(answer.body()));
        };
    }

    private static Result<AuthorizationCode> codeOf(JsonNode answer) {
        JsonNode redirect = answer.path("redirect_uri");
        if (!redirect.isString()) {
            return Result.err(broken("the authorize answer has no redirect_uri"));
        }
        String query;
        try {
            query = new URI(redirect.stringValue()).getRawQuery();
        } catch (URISyntaxException e) {
            return Result.err(broken("the authorize answer's redirect_uri is not a URL"));
        }
        String code = null;
        String state = null;
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (name.equals("code") && code == null) {
                code = value;
            } else if (name.equals("state") && state == null) {
                state = value;
            }
        }
        if (code == null || code.isEmpty()) {
            return Result.err(broken("the authorize answer's redirect_uri has no code"));
        }
        return Result.ok(new AuthorizationCode(code, Optional.ofNullable(state)));
    }

    /** Step C: exchange the code at the token endpoint; fields in the documented order. */
    Result<TokenAnswer> exchange(AuthorizationCode code, Pkce pkce, Settings settings) throws InterruptedException {
        FormBody form = FormBody.create()
                .add("grant_type", "authorization_code")
                .add("code", code.code())
                .add("code_verifier", pkce.verifier())
                .add("client_id", clientId(settings))
                .add("redirect_uri", settings.upstream().oauthRedirectUri());
        code.state().ifPresent(state -> form.add("state", state));
        return token(form, settings);
    }

    /** Refresh: {@code grant_type}, {@code refresh_token}, {@code client_id}, to the same endpoint. */
    Result<TokenAnswer> refresh(String refreshToken, Settings settings) throws InterruptedException {
        FormBody form = FormBody.create()
                .add("grant_type", "refresh_token")
                .add("refresh_token", refreshToken)
                .add("client_id", clientId(settings));
        return token(form, settings);
    }

    private Result<TokenAnswer> token(FormBody form, Settings settings) throws InterruptedException {
        UpstreamRequest request = UpstreamRequest.of(
                        "POST", URI.create(settings.upstream().oauthTokenUrl()))
                .withHeader("Accept", "application/json")
                .withHeader("anthropic-version", ANTHROPIC_VERSION)
                .withHeader("anthropic-beta", AnthropicBeta.OAUTH)
                .withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withBody(form.bytes());
        return switch (UpstreamCall.fetch(http, request)) {
            case Result.Err<UpstreamCall.Answer>(var failure) -> Result.err(failure);
            case Result.Ok<UpstreamCall.Answer>(var answer) -> Result.ok(TokenAnswer.of(answer));
        };
    }

    static String clientId(Settings settings) {
        String configured = settings.claudeCodeClientId();
        return configured == null || configured.isBlank() ? DEFAULT_CLIENT_ID : configured.trim();
    }

    private Opened.Failed classify(UpstreamCall.Answer answer) {
        return ClaudeErrors.classify(answer.status(), answer.headers(), answer.body(), clock.instant());
    }

    /** The cookie no longer leads to a usable account: retire it. */
    private static Opened.Failed unusable(String why) {
        return new Opened.Failed(
                new Outcome.Invalid(new Reason.Null()),
                UpstreamError.of(401, "authentication_error", "Claude Code authorization failed: " + why));
    }

    /** The upstream answered something we cannot read; another cookie might fare better. */
    private static Opened.Failed broken(String why) {
        return new Opened.Failed(
                new Outcome.Transient(why),
                UpstreamError.of(502, "api_error", "Claude Code authorization failed: " + why));
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return JSON.missingNode();
        }
    }
}
