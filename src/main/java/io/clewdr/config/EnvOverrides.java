package io.clewdr.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code CLEWDR_<KEY>} environment variables (§3.3), coerced to the type of each key. The
 * prefix is case-insensitive, the rest is lower-cased and {@code __} separates nested tables
 * ({@code CLEWDR_UPSTREAM__CLAUDE_BASE}). A value that fails coercion is dropped with a warning
 * naming the variable, never its value.
 *
 * @param values Java values by dotted settings path
 * @param variables the variable that supplied each path
 * @param sections credential entries supplied by the environment, shaped like the file's sections
 * @param warnings one line per ignored variable
 */
record EnvOverrides(
        Map<String, Object> values, Map<String, String> variables, ObjectNode sections, List<String> warnings) {
    private static final String PREFIX = "CLEWDR_";
    /** Read by the {@code ./clewdr} launcher (extra JVM flags), not a setting: no warning for it. */
    static final String LAUNCHER_VARIABLE = "CLEWDR_JAVA_OPTS";

    private static final Set<String> TRUE = Set.of("true", "yes", "on", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "off", "0");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Reads every {@code CLEWDR_*} variable of an environment map (sorted, for stable warnings). */
    static EnvOverrides from(Map<String, String> env) {
        EnvOverrides result = new EnvOverrides(
                new LinkedHashMap<>(), new LinkedHashMap<>(), JSON.createObjectNode(), new ArrayList<>());
        for (Map.Entry<String, String> entry : new TreeMap<>(env).entrySet()) {
            String name = entry.getKey();
            if (name.length() > PREFIX.length()
                    && name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                    && !name.equalsIgnoreCase(LAUNCHER_VARIABLE)) {
                String path = String.join(
                        ".",
                        Arrays.asList(name.substring(PREFIX.length())
                                .toLowerCase(Locale.ROOT)
                                .split("__")));
                try {
                    result.apply(name, path, entry.getValue());
                } catch (IllegalArgumentException | ConfigException | JacksonException e) {
                    result.warnings.add(name + ": " + reason(e) + "; ignored");
                }
            }
        }
        return result;
    }

    private void apply(String name, String path, String raw) {
        String value = unquote(raw.strip());
        SettingKey key = SettingKey.find(path).orElse(null);
        if (key != null) {
            values.put(path, coerce(key, value));
            variables.put(path, name);
        } else if (SettingKey.TABLES.contains(path)) {
            JsonNode table = TomlText.fragment(value);
            if (!table.isObject()) {
                throw new IllegalArgumentException("expected a TOML inline table");
            }
            for (Map.Entry<String, JsonNode> child : table.properties()) {
                SettingKey sub = SettingKey.find(path + "." + child.getKey())
                        .orElseThrow(() -> new IllegalArgumentException("unknown key in table"));
                values.put(sub.path(), TypedValues.fromNode(sub, child.getValue()));
                variables.put(sub.path(), name);
            }
        } else if (CredentialSection.fromKey(path) instanceof CredentialSection section && section.array()) {
            appendTo(sections.withArrayProperty(section.key()), sectionArray(section, value));
        } else if (path.equals("vertex.credentials")) {
            appendTo(sections.withObjectProperty("vertex").withArrayProperty("credentials"), tomlOrJson(value, true));
        } else if (path.equals("vertex.credential") || path.equals("vertex_credential")) {
            sections.withObjectProperty("vertex").set("credential", tomlOrJson(value, false));
        } else {
            throw new IllegalArgumentException("unknown setting");
        }
    }

    /** Unwraps one pair of double quotes; TOML escapes apply when the inside has {@code "} or {@code \}. */
    static String unquote(String trimmed) {
        if (trimmed.length() < 2 || !trimmed.startsWith("\"") || !trimmed.endsWith("\"")) {
            return trimmed;
        }
        String inside = trimmed.substring(1, trimmed.length() - 1);
        if (inside.indexOf('"') < 0 && inside.indexOf('\\') < 0) {
            return inside;
        }
        try {
            JsonNode parsed = TomlText.fragment(trimmed);
            return parsed.isString() ? parsed.stringValue() : trimmed;
        } catch (JacksonException e) {
            return trimmed;
        }
    }

    /** Coerces a normalised value to the type of a key's default. */
    static Object coerce(SettingKey key, String value) {
        return switch (key.kind()) {
            case STRING, OPTIONAL_STRING -> value;
            case BOOL -> {
                String lower = value.toLowerCase(Locale.ROOT);
                if (TRUE.contains(lower)) {
                    yield true;
                }
                if (FALSE.contains(lower)) {
                    yield false;
                }
                throw new IllegalArgumentException("not a boolean (true/yes/on/1 or false/no/off/0)");
            }
            case INT -> {
                try {
                    yield Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a decimal integer", e);
                }
            }
            case STRING_LIST, STRING_MAP -> TypedValues.fromNode(key, TomlText.fragment(value));
        };
    }

    private static JsonNode sectionArray(CredentialSection section, String value) {
        try {
            JsonNode node = TomlText.fragment(value);
            if (node.isArray()) {
                return node;
            }
        } catch (JacksonException e) {
            if (section != CredentialSection.GEMINI_KEYS) {
                throw e;
            }
        }
        if (section == CredentialSection.GEMINI_KEYS) {
            // friendlier than TOML for a list of keys: AIza…,AIza…
            ArrayNode keys = JSON.createArrayNode();
            Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).forEach(keys::add);
            return keys;
        }
        throw new IllegalArgumentException("expected a TOML array");
    }

    private static JsonNode tomlOrJson(String value, boolean array) {
        JsonNode node;
        try {
            node = TomlText.fragment(value);
        } catch (JacksonException e) {
            // a service account is usually pasted as JSON
            node = JSON.readTree(value);
        }
        if (array ? !node.isArray() : !node.isObject()) {
            throw new IllegalArgumentException(array ? "expected an array" : "expected a table or JSON object");
        }
        return node;
    }

    private static void appendTo(ArrayNode target, JsonNode items) {
        items.forEach(target::add);
    }

    private static String reason(Exception e) {
        if (e instanceof ConfigException c) {
            String message = c.getMessage();
            return c.key().map(k -> message.substring(k.length() + 2)).orElse(message);
        }
        if (e instanceof JacksonException) {
            // Jackson's message may quote the input, which may be a secret
            return "not a valid TOML/JSON value";
        }
        return e.getMessage();
    }
}
