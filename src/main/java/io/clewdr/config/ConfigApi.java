package io.clewdr.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of {@code GET/POST /api/config}: the HEAD {@code ConfigApi} keys (every setting except
 * {@code no_fs}, {@code log_to_file} and the credential sections) plus {@code upstream}, {@code
 * persistence}, {@code models} and {@code model_aliases}.
 *
 * <p>{@link #render} masks both passwords and the user-info of the proxy and database URLs. {@link
 * #merge} is a validated partial update (unlike the original's full replacement, §18 item 9): only
 * the keys in the body change, a masked value posted back means "unchanged", and any wrong type, bad
 * value or unknown key fails the whole body with a {@link ConfigException} naming the key (the API
 * answers 400 with its message). A blank password is rejected rather than regenerated, since the
 * caller could never read a regenerated password back through this masked API.
 */
public final class ConfigApi {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigApi() {}

    /**
     * The settings as admin JSON, secrets masked; absent optional values are JSON null.
     *
     * @param settings the settings
     * @return the JSON object
     */
    public static ObjectNode render(Settings settings) {
        ObjectNode out = NODES.objectNode();
        Map<String, Object> values = Secrets.maskedValues(settings);
        for (SettingKey key : SettingKey.ALL) {
            if (key.api()) {
                FileShape.put(out, key.path(), TypedValues.toNode(values.get(key.path())));
            }
        }
        return out;
    }

    /**
     * Applies a partial JSON body to the current settings.
     *
     * @param current the settings in effect
     * @param body the posted JSON object
     * @return the new settings (equal to {@code current} when nothing changed)
     * @throws ConfigException naming the offending key(s): unknown keys, wrong types, bad values
     */
    public static Settings merge(Settings current, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ConfigException.invalid("(body)", "expected a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        Map<String, JsonNode> posted = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            String name = entry.getKey();
            if (SettingKey.TABLES.contains(name)) {
                if (!entry.getValue().isObject()) {
                    throw ConfigException.invalid(
                            name, "expected an object, got " + TypedValues.typeName(entry.getValue()));
                }
                entry.getValue()
                        .properties()
                        .forEach(child -> collect(name + "." + child.getKey(), child.getValue(), posted, unknown));
            } else {
                collect(name, entry.getValue(), posted, unknown);
            }
        }
        if (!unknown.isEmpty()) {
            throw ConfigException.invalid(
                    unknown.getFirst(), "unknown or read-only key(s): " + String.join(", ", unknown));
        }
        Map<String, Object> before = current.values();
        Map<String, Object> changes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : posted.entrySet()) {
            SettingKey key = SettingKey.find(entry.getKey()).orElseThrow();
            Object now = before.get(key.path());
            if (unchangedSecret(key, entry.getValue(), now)) {
                continue;
            }
            Object value = TypedValues.fromNode(key, entry.getValue());
            if (key.secret()) {
                String text = (String) value;
                if (text.contains(Secrets.MARK)) {
                    throw ConfigException.invalid(
                            key.path(), "looks like a masked value; post the real password or leave the key out");
                }
                if (text.isBlank()) {
                    throw ConfigException.invalid(key.path(), "must not be blank");
                }
            }
            if (!Objects.equals(now, value)) {
                changes.put(key.path(), value);
            }
        }
        return changes.isEmpty() ? current : current.with(changes);
    }

    private static void collect(String path, JsonNode value, Map<String, JsonNode> posted, List<String> unknown) {
        SettingKey key = SettingKey.find(path).orElse(null);
        if (key == null || !key.api()) {
            unknown.add(path);
        } else {
            posted.put(path, value);
        }
    }

    /** A masked secret or masked URL posted back unchanged. */
    private static boolean unchangedSecret(SettingKey key, JsonNode posted, Object now) {
        if (!posted.isString() || now == null) {
            return false;
        }
        String text = posted.stringValue();
        if (key.secret()) {
            return text.equals(Secrets.mask((String) now));
        }
        if (key.path().equals("proxy")
                || key.path().equals("rproxy")
                || key.path().equals("persistence.database_url")) {
            String masked = Secrets.maskUrl((String) now);
            return !masked.equals(now) && text.equals(masked);
        }
        return false;
    }
}
