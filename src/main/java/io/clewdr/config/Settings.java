package io.clewdr.config;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of ClewdR (HEAD and LEGACY keys of {@code clewdr.toml}, plus {@code [upstream]},
 * {@code models} and {@code model_aliases}), immutable. Nullable components are the keys whose
 * default is "none". The compact constructor validates every value and names the key on failure.
 *
 * <p>{@link #toString()} masks both passwords and the user-info of the proxy and database URLs.
 *
 * @param ip bind address (an IP literal)
 * @param port bind port, 0-65535 (0 lets the OS pick a free port)
 * @param checkUpdate check for a newer release at start
 * @param autoUpdate self-update at start
 * @param noFs never touch the filesystem (no save, no log files)
 * @param logToFile add a daily-rolling file log
 * @param password API password of the LLM routes; blank only before {@link ConfigLoader} generated it
 * @param adminPassword admin password of {@code /api/*} and the UI; blank only before generation
 * @param proxy outbound proxy URL (http, https, socks5, socks5h), or null
 * @param rproxy replaces {@link Upstream#claudeBase()} when set, or null
 * @param maxRetries extra attempts (total attempts are {@code maxRetries + 1}), at least 0
 * @param preserveChats keep Claude.ai conversations (when false they are temporary)
 * @param webSearch add the Claude.ai web search tool to web requests
 * @param enableWebCountTokens count web tokens precisely through the Claude Code API
 * @param sanitizeMessages trim text and drop empty assistant turns
 * @param skipFirstWarning park cookies whose org has a first warning
 * @param skipSecondWarning park cookies whose org has a second warning
 * @param skipRestricted park cookies whose org is restricted
 * @param skipNonPro retire cookies without a Pro-class capability
 * @param skipRateLimit a dead setting of the original, kept for compatibility
 * @param skipNormalPro reject cookies whose org has no warning flags
 * @param useRealRoles put a backspace after each turn separator of the web prompt
 * @param customH label of user turns (null means {@code Human})
 * @param customA label of assistant turns (null means {@code Assistant})
 * @param customPrompt the Claude.ai {@code prompt} field
 * @param claudeCodeClientId OAuth client id, or null for the built-in one
 * @param customSystem extra system text for Claude Code requests, or null
 * @param persistence the LEGACY {@code [persistence]} table
 * @param upstream the {@code [upstream]} table
 * @param models the model ids listed by the models routes
 * @param modelAliases alias to model id, in file order
 */
public record Settings(
        String ip,
        int port,
        boolean checkUpdate,
        boolean autoUpdate,
        boolean noFs,
        boolean logToFile,
        String password,
        String adminPassword,
        String proxy,
        String rproxy,
        int maxRetries,
        boolean preserveChats,
        boolean webSearch,
        boolean enableWebCountTokens,
        boolean sanitizeMessages,
        boolean skipFirstWarning,
        boolean skipSecondWarning,
        boolean skipRestricted,
        boolean skipNonPro,
        boolean skipRateLimit,
        boolean skipNormalPro,
        boolean useRealRoles,
        String customH,
        String customA,
        String customPrompt,
        String claudeCodeClientId,
        String customSystem,
        Persistence persistence,
        Upstream upstream,
        List<String> models,
        Map<String, String> modelAliases) {

    /** The model ids of {@code GET /v1/models} at HEAD (each also gets a {@code -thinking} variant). */
    public static final List<String> DEFAULT_MODELS = List.of(
            "claude-fable-5",
            "claude-opus-5",
            "claude-opus-4-8",
            "claude-opus-4-7",
            "claude-opus-4-6",
            "claude-opus-4-5-20251101",
            "claude-sonnet-5",
            "claude-sonnet-4-6",
            "claude-sonnet-4-5-20250929",
            "claude-haiku-4-5-20251001");

    /** Validates each value; failures name the key. Copies the collections. */
    public Settings {
        Checks.ip("ip", ip);
        Checks.range("port", port, 0, 65_535);
        Checks.range("max_retries", maxRetries, 0, Integer.MAX_VALUE);
        if (password == null) {
            throw ConfigException.invalid("password", "must not be null");
        }
        if (adminPassword == null) {
            throw ConfigException.invalid("admin_password", "must not be null");
        }
        if (customPrompt == null) {
            throw ConfigException.invalid("custom_prompt", "must not be null");
        }
        if (proxy != null) {
            Checks.proxyUrl("proxy", proxy);
        }
        if (rproxy != null) {
            Checks.httpUrl("rproxy", rproxy);
        }
        if (persistence == null) {
            throw ConfigException.invalid("persistence", "must not be null");
        }
        if (upstream == null) {
            throw ConfigException.invalid("upstream", "must not be null");
        }
        if (models == null || models.stream().anyMatch(m -> m == null || m.isBlank())) {
            throw ConfigException.invalid("models", "must be a list of non-blank model ids");
        }
        models = List.copyOf(models);
        if (modelAliases == null
                || modelAliases.entrySet().stream()
                        .anyMatch(e -> e.getKey().isBlank()
                                || e.getValue() == null
                                || e.getValue().isBlank())) {
            throw ConfigException.invalid("model_aliases", "must map non-blank aliases to non-blank model ids");
        }
        modelAliases = Collections.unmodifiableMap(new LinkedHashMap<>(modelAliases));
    }

    /**
     * The defaults of every key; both passwords are blank (the loader generates them).
     *
     * @return the defaults
     */
    public static Settings defaults() {
        return fromValues(Map.of());
    }

    /**
     * The Claude base to use for web and Claude Code calls: {@code rproxy} when set, else
     * {@code upstream.claude_base}; always ending in {@code /}. Not used for the OAuth token or usage
     * URLs.
     *
     * @return the base
     */
    public URI effectiveClaudeBase() {
        return Checks.base(rproxy != null ? rproxy : upstream.claudeBase());
    }

    /**
     * A copy with another API password.
     *
     * @param value the password
     * @return the copy
     */
    public Settings withPassword(String value) {
        return with(Map.of("password", value));
    }

    /**
     * A copy with another admin password.
     *
     * @param value the password
     * @return the copy
     */
    public Settings withAdminPassword(String value) {
        return with(Map.of("admin_password", value));
    }

    /**
     * A copy with another outbound proxy.
     *
     * @param value the proxy URL, or null for none
     * @return the copy
     */
    public Settings withProxy(String value) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("proxy", value);
        return with(change);
    }

    /**
     * A copy with another {@code [upstream]} table (tests point it at fake upstreams).
     *
     * @param value the table
     * @return the copy
     */
    public Settings withUpstream(Upstream value) {
        return new Settings(
                ip,
                port,
                checkUpdate,
                autoUpdate,
                noFs,
                logToFile,
                password,
                adminPassword,
                proxy,
                rproxy,
                maxRetries,
                preserveChats,
                webSearch,
                enableWebCountTokens,
                sanitizeMessages,
                skipFirstWarning,
                skipSecondWarning,
                skipRestricted,
                skipNonPro,
                skipRateLimit,
                skipNormalPro,
                useRealRoles,
                customH,
                customA,
                customPrompt,
                claudeCodeClientId,
                customSystem,
                persistence,
                value,
                models,
                modelAliases);
    }

    /**
     * A copy with some keys replaced, named as in the file ({@code max_retries}, {@code
     * upstream.claude_base}). Values are Java values of the key's type: {@code Boolean}, {@code
     * Integer}, {@code String} (or null for optional keys), {@code List<String>} for {@code models},
     * {@code Map<String, String>} for {@code model_aliases}, the mode name for {@code
     * persistence.mode}.
     *
     * @param changes values by dotted key
     * @return the copy, validated
     * @throws ConfigException naming the key of an unknown key or a bad value
     * @throws ClassCastException when a value has the wrong Java type
     */
    public Settings with(Map<String, ?> changes) {
        for (String key : changes.keySet()) {
            if (SettingKey.find(key).isEmpty()) {
                throw ConfigException.invalid(key, "unknown key");
            }
        }
        Map<String, Object> values = values();
        values.putAll(changes);
        return fromValues(values);
    }

    /** Every key's value by dotted path, in {@link SettingKey#ALL} order; absent values are null. */
    Map<String, Object> values() {
        return SettingValues.of(this);
    }

    /** Builds settings from Java values by dotted path; a missing path takes its default. */
    static Settings fromValues(Map<String, ?> values) {
        return SettingValues.toSettings(values);
    }

    @Override
    public String toString() {
        return "Settings" + Secrets.maskedValues(this);
    }
}
