package io.clewdr.config;

import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tree a save writes for a document (§3.7, with the fixes of §18 items 8-9):
 *
 * <ul>
 *   <li>a key supplied by the environment and not changed since keeps the file's own value (or stays
 *       absent), so env overrides never leak into the file;
 *   <li>the flat HEAD keys are always written, as the original does;
 *   <li>the newer keys ({@code [upstream]}, {@code models}, {@code model_aliases}, {@code
 *       [persistence]}) are written only when the file had them, they were changed, or they differ
 *       from the default, so that a newer release's defaults (model list, Claude Code version) are not
 *       frozen into every file;
 *   <li>unknown keys are written back from the file's tree; credential sections as given.
 * </ul>
 */
final class FileShape {
    private static final Map<String, Object> DEFAULTS = Settings.defaults().values();

    private FileShape() {}

    static ObjectNode render(ConfigDocument doc) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode file = doc.fileTree();
        Map<String, Object> values = doc.settings().values();
        for (SettingKey key : SettingKey.ALL) {
            String path = key.path();
            JsonNode fromFile = at(file, path);
            boolean changed = doc.changedKeys().contains(path);
            JsonNode value = null;
            if (doc.envKeys().contains(path) && !changed) {
                value = fromFile;
            } else if (key.head()
                    || fromFile != null
                    || changed
                    || !Objects.equals(values.get(path), DEFAULTS.get(path))) {
                value = TypedValues.toNode(values.get(path));
            }
            if (value != null && !value.isNull()) {
                put(out, path, value);
            }
        }
        for (String unknown : doc.unknownKeys()) {
            JsonNode value = at(file, unknown);
            if (value != null) {
                put(out, unknown, value);
            }
        }
        doc.credentials().properties().forEach(entry -> out.set(entry.getKey(), entry.getValue()));
        return out;
    }

    /** The node at a dotted settings path (at most one level of table), or null. */
    static JsonNode at(ObjectNode tree, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return tree.get(path);
        }
        JsonNode table = tree.get(path.substring(0, dot));
        return table instanceof ObjectNode object ? object.get(path.substring(dot + 1)) : null;
    }

    static void put(ObjectNode tree, String path, JsonNode value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            tree.set(path, value);
            return;
        }
        String table = path.substring(0, dot);
        ObjectNode target = tree.get(table) instanceof ObjectNode object ? object : tree.putObject(table);
        target.set(path.substring(dot + 1), value);
    }
}
