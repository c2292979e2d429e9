package io.clewdr.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Renders a tree as readable TOML in the original's shape: at each level the plain keys first, then
 * sub-tables ({@code [a.b]}), then arrays of tables ({@code [[cookie_array]]}) with their own
 * sub-tables. Jackson's TOML writer would put everything on single inline lines, so only leaf
 * numbers and booleans go through it; strings are written as TOML basic strings.
 */
final class TomlWriter {
    private static final TomlMapper MAPPER = TomlMapper.builder().build();
    private static final int INLINE_WIDTH = 100;

    private final StringBuilder out = new StringBuilder();

    private TomlWriter() {}

    /** The TOML text of a tree; null values are left out (TOML has no null). */
    static String render(ObjectNode tree) {
        TomlWriter writer = new TomlWriter();
        writer.table(List.of(), tree);
        return writer.out.toString();
    }

    private void table(List<String> path, ObjectNode node) {
        List<Map.Entry<String, JsonNode>> tables = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> arraysOfTables = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (value.isNull() || value.isMissingNode()) {
                continue;
            }
            if (value.isObject()) {
                tables.add(entry);
            } else if (isArrayOfTables(value)) {
                arraysOfTables.add(entry);
            } else {
                out.append(key(entry.getKey()))
                        .append(" = ")
                        .append(value(value, true))
                        .append('\n');
            }
        }
        for (Map.Entry<String, JsonNode> entry : tables) {
            List<String> sub = append(path, entry.getKey());
            separate();
            out.append('[').append(dotted(sub)).append("]\n");
            table(sub, (ObjectNode) entry.getValue());
        }
        for (Map.Entry<String, JsonNode> entry : arraysOfTables) {
            List<String> sub = append(path, entry.getKey());
            for (JsonNode item : entry.getValue()) {
                separate();
                out.append("[[").append(dotted(sub)).append("]]\n");
                table(sub, (ObjectNode) item);
            }
        }
    }

    private void separate() {
        if (!out.isEmpty()) {
            out.append('\n');
        }
    }

    private static boolean isArrayOfTables(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static String value(JsonNode value, boolean multiline) {
        if (value.isString()) {
            return basicString(value.stringValue());
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isNull()) {
                    items.add(value(item, false));
                }
            }
            String inline = "[" + String.join(", ", items) + "]";
            if (!multiline || inline.length() <= INLINE_WIDTH) {
                return inline;
            }
            return "[\n    " + String.join(",\n    ", items) + ",\n]";
        }
        if (value.isObject()) {
            List<String> items = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                if (!entry.getValue().isNull()) {
                    items.add(key(entry.getKey()) + " = " + value(entry.getValue(), false));
                }
            }
            return "{ " + String.join(", ", items) + " }";
        }
        // numbers and booleans: Jackson knows TOML's spelling (inf, nan, exponents)
        String line = MAPPER.writeValueAsString(MAPPER.createObjectNode().set("v", value));
        return line.substring(line.indexOf('=') + 1).strip();
    }

    private static String key(String key) {
        return !key.isEmpty() && key.chars().allMatch(TomlWriter::bare) ? key : basicString(key);
    }

    private static boolean bare(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static String dotted(List<String> path) {
        return String.join(".", path.stream().map(TomlWriter::key).toList());
    }

    private static List<String> append(List<String> path, String key) {
        List<String> sub = new ArrayList<>(path);
        sub.add(key);
        return sub;
    }

    static String basicString(String text) {
        StringBuilder s = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\b' -> s.append("\\b");
                case '\t' -> s.append("\\t");
                case '\n' -> s.append("\\n");
                case '\f' -> s.append("\\f");
                case '\r' -> s.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        s.append(String.format("\\u%04X", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
