package io.clewdr.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The map form of {@link Settings}: every value by its dotted file key. Loading, saving, the
 * environment and the admin API all work on this form, so the record's 31 components are spelled
 * out only here.
 */
final class SettingValues {
    private SettingValues() {}

    /** Every key's value by dotted path, in {@link SettingKey#ALL} order; absent values are null. */
    static Map<String, Object> of(Settings s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("ip", s.ip());
        v.put("port", s.port());
        v.put("check_update", s.checkUpdate());
        v.put("auto_update", s.autoUpdate());
        v.put("no_fs", s.noFs());
        v.put("log_to_file", s.logToFile());
        v.put("password", s.password());
        v.put("admin_password", s.adminPassword());
        v.put("proxy", s.proxy());
        v.put("rproxy", s.rproxy());
        v.put("max_retries", s.maxRetries());
        v.put("preserve_chats", s.preserveChats());
        v.put("web_search", s.webSearch());
        v.put("enable_web_count_tokens", s.enableWebCountTokens());
        v.put("sanitize_messages", s.sanitizeMessages());
        v.put("skip_first_warning", s.skipFirstWarning());
        v.put("skip_second_warning", s.skipSecondWarning());
        v.put("skip_restricted", s.skipRestricted());
        v.put("skip_non_pro", s.skipNonPro());
        v.put("skip_rate_limit", s.skipRateLimit());
        v.put("skip_normal_pro", s.skipNormalPro());
        v.put("use_real_roles", s.useRealRoles());
        v.put("custom_h", s.customH());
        v.put("custom_a", s.customA());
        v.put("custom_prompt", s.customPrompt());
        v.put("claude_code_client_id", s.claudeCodeClientId());
        v.put("custom_system", s.customSystem());
        v.put("models", s.models());
        v.put("model_aliases", s.modelAliases());
        v.put("persistence.mode", s.persistence().mode().id());
        v.put("persistence.database_url", s.persistence().databaseUrl());
        v.put("persistence.sqlite_path", s.persistence().sqlitePath());
        v.put("upstream.claude_base", s.upstream().claudeBase());
        v.put("upstream.oauth_token_url", s.upstream().oauthTokenUrl());
        v.put("upstream.oauth_usage_url", s.upstream().oauthUsageUrl());
        v.put("upstream.oauth_redirect_uri", s.upstream().oauthRedirectUri());
        v.put("upstream.gemini_base", s.upstream().geminiBase());
        v.put("upstream.vertex_base", s.upstream().vertexBase());
        v.put("upstream.google_token_url", s.upstream().googleTokenUrl());
        v.put("upstream.claude_code_version", s.upstream().claudeCodeVersion());
        v.put("upstream.claude_code_user_agent", s.upstream().claudeCodeUserAgent());
        return v;
    }

    /** Builds settings from Java values by dotted path; a missing path takes its default. */
    static Settings toSettings(Map<String, ?> v) {
        Values d = new Values(v);
        Upstream up = Upstream.defaults();
        return new Settings(
                d.get("ip", "127.0.0.1"),
                d.get("port", 8484),
                d.get("check_update", true),
                d.get("auto_update", false),
                d.get("no_fs", false),
                d.get("log_to_file", false),
                d.get("password", ""),
                d.get("admin_password", ""),
                d.get("proxy", null),
                d.get("rproxy", null),
                d.get("max_retries", 5),
                d.get("preserve_chats", false),
                d.get("web_search", false),
                d.get("enable_web_count_tokens", false),
                d.get("sanitize_messages", false),
                d.get("skip_first_warning", false),
                d.get("skip_second_warning", false),
                d.get("skip_restricted", false),
                d.get("skip_non_pro", false),
                d.get("skip_rate_limit", true),
                d.get("skip_normal_pro", false),
                d.get("use_real_roles", true),
                d.get("custom_h", null),
                d.get("custom_a", null),
                d.get("custom_prompt", ""),
                d.get("claude_code_client_id", null),
                d.get("custom_system", null),
                new Persistence(
                        Persistence.Mode.from(d.get("persistence.mode", "file")),
                        d.get("persistence.database_url", null),
                        d.get("persistence.sqlite_path", null)),
                new Upstream(
                        d.get("upstream.claude_base", up.claudeBase()),
                        d.get("upstream.oauth_token_url", up.oauthTokenUrl()),
                        d.get("upstream.oauth_usage_url", up.oauthUsageUrl()),
                        d.get("upstream.oauth_redirect_uri", up.oauthRedirectUri()),
                        d.get("upstream.gemini_base", up.geminiBase()),
                        d.get("upstream.vertex_base", up.vertexBase()),
                        d.get("upstream.google_token_url", up.googleTokenUrl()),
                        d.get("upstream.claude_code_version", up.claudeCodeVersion()),
                        d.get("upstream.claude_code_user_agent", up.claudeCodeUserAgent())),
                d.get("models", Settings.DEFAULT_MODELS),
                d.get("model_aliases", Map.of()));
    }

    /** Reads one value by path with its default; a key present with null means "none". */
    private record Values(Map<String, ?> map) {
        @SuppressWarnings("unchecked") // the values were type-checked against SettingKey.Kind by the caller
        <T> T get(String key, T fallback) {
            return map.containsKey(key) ? (T) map.get(key) : fallback;
        }
    }
}
