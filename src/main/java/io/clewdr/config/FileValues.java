package io.clewdr.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one file's text holds, checked: the typed values of the known settings keys, the credential
 * sections (type-checked at the top level only), and the unknown keys. A wrong type is a {@link
 * ConfigException} naming file, line and key.
 *
 * @param tree the whole parsed file
 * @param values Java values by dotted settings path, for the keys the file sets
 * @param sections the credential sections the file has
 * @param unknownKeys dotted keys no setting knows
 * @param warnings one line per unknown key
 */
record FileValues(
        ObjectNode tree,
        Map<String, Object> values,
        ObjectNode sections,
        List<String> unknownKeys,
        List<String> warnings) {

    static FileValues read(Path file, String text) {
        ObjectNode tree = TomlText.parse(file, text);
        Map<String, Object> values = new LinkedHashMap<>();
        ObjectNode sections = tree.objectNode();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : tree.properties()) {
            String name = entry.getKey();
            JsonNode node = entry.getValue();
            CredentialSection section = CredentialSection.fromKey(name);
            if (section != null) {
                if (section.array() ? !node.isArray() : !node.isObject()) {
                    throw located(
                            file,
                            text,
                            name,
                            "expected " + (section.array() ? "an array of tables" : "a table") + ", got "
                                    + TypedValues.typeName(node));
                }
                sections.set(name, node.deepCopy());
            } else if (SettingKey.TABLES.contains(name)) {
                if (!node.isObject()) {
                    throw located(file, text, name, "expected a table, got " + TypedValues.typeName(node));
                }
                for (Map.Entry<String, JsonNode> child : node.properties()) {
                    read(file, text, name + "." + child.getKey(), child.getValue(), values, unknown);
                }
            } else {
                read(file, text, name, node, values, unknown);
            }
        }
        List<String> warnings = unknown.stream()
                .map(key -> file + ":" + TomlText.lineOf(text, key) + ": unknown key '" + key
                        + "' (ignored, kept in the file)")
                .toList();
        return new FileValues(tree, values, sections, unknown, warnings);
    }

    private static void read(
            Path file, String text, String path, JsonNode node, Map<String, Object> values, List<String> unknown) {
        SettingKey key = SettingKey.find(path).orElse(null);
        if (key == null) {
            unknown.add(path);
            return;
        }
        try {
            values.put(path, TypedValues.fromNode(key, node));
        } catch (ConfigException e) {
            throw e.locatedIn(file, TomlText.lineOf(text, path));
        }
    }

    private static ConfigException located(Path file, String text, String key, String reason) {
        return ConfigException.inFile(file, TomlText.lineOf(text, key), key, reason, null);
    }
}
