package io.clewdr.config;

import java.net.URI;

/**
 * The {@code [upstream]} table: the base URL of every upstream, so that mirrors, endpoint churn and
 * fake upstreams on loopback are a configuration change. Plain {@code http://} bases are allowed.
 *
 * @param claudeBase Anthropic API base, also the Claude.ai web base ({@code rproxy} overrides it)
 * @param oauthTokenUrl the Claude Code OAuth token endpoint ({@code rproxy} never applies)
 * @param oauthUsageUrl the OAuth usage endpoint ({@code rproxy} never applies)
 * @param oauthRedirectUri the redirect URI sent in the OAuth authorize step
 * @param geminiBase the Gemini AI Studio base
 * @param vertexBase the Vertex AI base
 * @param googleTokenUrl when set, used instead of a service account's own {@code token_uri}, or null
 * @param claudeCodeVersion the Claude Code version we present
 * @param claudeCodeUserAgent the User-Agent of Claude Code requests
 */
public record Upstream(
        String claudeBase,
        String oauthTokenUrl,
        String oauthUsageUrl,
        String oauthRedirectUri,
        String geminiBase,
        String vertexBase,
        String googleTokenUrl,
        String claudeCodeVersion,
        String claudeCodeUserAgent) {

    /** Validates every URL (http or https with a host) and the non-blank version strings. */
    public Upstream {
        Checks.httpUrl("upstream.claude_base", claudeBase);
        Checks.httpUrl("upstream.oauth_token_url", oauthTokenUrl);
        Checks.httpUrl("upstream.oauth_usage_url", oauthUsageUrl);
        Checks.httpUrl("upstream.oauth_redirect_uri", oauthRedirectUri);
        Checks.httpUrl("upstream.gemini_base", geminiBase);
        Checks.httpUrl("upstream.vertex_base", vertexBase);
        if (googleTokenUrl != null) {
            Checks.httpUrl("upstream.google_token_url", googleTokenUrl);
        }
        Checks.notBlank("upstream.claude_code_version", claudeCodeVersion);
        Checks.notBlank("upstream.claude_code_user_agent", claudeCodeUserAgent);
    }

    /**
     * The defaults: the public endpoints of Anthropic and Google, Claude Code 2.1.76.
     *
     * @return the defaults
     */
    public static Upstream defaults() {
        return new Upstream(
                "https://api.anthropic.com/",
                "https://api.anthropic.com/v1/oauth/token",
                "https://api.anthropic.com/api/oauth/usage",
                "https://console.anthropic.com/oauth/code/callback",
                "https://generativelanguage.googleapis.com/",
                "https://aiplatform.googleapis.com/",
                null,
                "2.1.76",
                "claude-code/2.1.76");
    }

    /**
     * The Gemini base as a URI ending in {@code /}, ready for {@link URI#resolve(String)}.
     *
     * @return the base
     */
    public URI geminiBaseUri() {
        return Checks.base(geminiBase);
    }

    /**
     * The Vertex base as a URI ending in {@code /}, ready for {@link URI#resolve(String)}.
     *
     * @return the base
     */
    public URI vertexBaseUri() {
        return Checks.base(vertexBase);
    }
}
