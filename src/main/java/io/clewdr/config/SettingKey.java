package io.clewdr.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One settings key of {@code clewdr.toml}: its dotted path, the type its values must have, and where
 * it appears. The list {@link #ALL} is the schema used by file loading, environment coercion,
 * saving and the admin API alike.
 *
 * @param path the dotted key, for example {@code port} or {@code upstream.claude_base}
 * @param kind the value type
 * @param head true for the flat keys of the HEAD file, which a save always writes (as the original
 *     does); other keys are written only when set in the file, changed, or different from the default
 * @param api true when the admin API shows and accepts the key
 */
record SettingKey(String path, Kind kind, boolean head, boolean api) {
    /** Value types; "optional" keys have no default and are strings (§3.3). */
    enum Kind {
        BOOL,
        INT,
        STRING,
        OPTIONAL_STRING,
        STRING_LIST,
        STRING_MAP
    }

    /** The tables whose children are settings keys (other tables are credential sections or unknown). */
    static final Set<String> TABLES = Set.of("persistence", "upstream");

    /** Every settings key, in file order. */
    static final List<SettingKey> ALL = List.of(
            head("ip", Kind.STRING),
            head("port", Kind.INT),
            head("check_update", Kind.BOOL),
            head("auto_update", Kind.BOOL),
            new SettingKey("no_fs", Kind.BOOL, true, false),
            new SettingKey("log_to_file", Kind.BOOL, true, false),
            head("password", Kind.STRING),
            head("admin_password", Kind.STRING),
            head("proxy", Kind.OPTIONAL_STRING),
            head("rproxy", Kind.OPTIONAL_STRING),
            head("max_retries", Kind.INT),
            head("preserve_chats", Kind.BOOL),
            head("web_search", Kind.BOOL),
            head("enable_web_count_tokens", Kind.BOOL),
            head("sanitize_messages", Kind.BOOL),
            head("skip_first_warning", Kind.BOOL),
            head("skip_second_warning", Kind.BOOL),
            head("skip_restricted", Kind.BOOL),
            head("skip_non_pro", Kind.BOOL),
            head("skip_rate_limit", Kind.BOOL),
            head("skip_normal_pro", Kind.BOOL),
            head("use_real_roles", Kind.BOOL),
            head("custom_h", Kind.OPTIONAL_STRING),
            head("custom_a", Kind.OPTIONAL_STRING),
            head("custom_prompt", Kind.STRING),
            head("claude_code_client_id", Kind.OPTIONAL_STRING),
            head("custom_system", Kind.OPTIONAL_STRING),
            extra("models", Kind.STRING_LIST),
            extra("model_aliases", Kind.STRING_MAP),
            extra("persistence.mode", Kind.STRING),
            extra("persistence.database_url", Kind.OPTIONAL_STRING),
            extra("persistence.sqlite_path", Kind.OPTIONAL_STRING),
            extra("upstream.claude_base", Kind.STRING),
            extra("upstream.oauth_token_url", Kind.STRING),
            extra("upstream.oauth_usage_url", Kind.STRING),
            extra("upstream.oauth_redirect_uri", Kind.STRING),
            extra("upstream.gemini_base", Kind.STRING),
            extra("upstream.vertex_base", Kind.STRING),
            extra("upstream.google_token_url", Kind.OPTIONAL_STRING),
            extra("upstream.claude_code_version", Kind.STRING),
            extra("upstream.claude_code_user_agent", Kind.STRING));

    private static final Map<String, SettingKey> BY_PATH = index();

    static Optional<SettingKey> find(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    /** The table name of a nested key ({@code upstream}), or null for a top-level key. */
    String table() {
        int dot = path.indexOf('.');
        return dot < 0 ? null : path.substring(0, dot);
    }

    /** The last segment of the path ({@code claude_base}). */
    String name() {
        return path.substring(path.indexOf('.') + 1);
    }

    /** True for keys whose value may hold a password. */
    boolean secret() {
        return path.equals("password") || path.equals("admin_password");
    }

    private static SettingKey head(String path, Kind kind) {
        return new SettingKey(path, kind, true, true);
    }

    private static SettingKey extra(String path, Kind kind) {
        return new SettingKey(path, kind, false, true);
    }

    private static Map<String, SettingKey> index() {
        Map<String, SettingKey> map = new LinkedHashMap<>();
        for (SettingKey key : ALL) {
            map.put(key.path(), key);
        }
        return Map.copyOf(map);
    }
}
