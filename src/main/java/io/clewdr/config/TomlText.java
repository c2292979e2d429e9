package io.clewdr.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * TOML text in and out of Jackson trees, with errors that name the file, line and key. Jackson's
 * parser reports a line but not a key, and type errors are found after parsing, so the key of a line
 * (and the line of a key) come from a light scan of the source text.
 */
final class TomlText {
    private static final TomlMapper MAPPER = TomlMapper.builder().build();

    private TomlText() {}

    /** Parses a whole file; invalid TOML is a {@link ConfigException} with file, line and key. */
    static ObjectNode parse(Path file, String text) {
        try {
            JsonNode tree = MAPPER.readTree(text);
            return tree instanceof ObjectNode object ? object : MAPPER.createObjectNode();
        } catch (JacksonException e) {
            int line = errorLine(text, e);
            String key = keyAt(text, line);
            throw ConfigException.inFile(file, line, key, "invalid TOML: " + e.getOriginalMessage(), null);
        }
    }

    /**
     * The line to blame. Jackson's TOML parser reports the position after the last token it took;
     * when that is column 1, the newline was taken too and the culprit is the previous non-blank
     * line. Its lexer errors ("Unknown token") point at the token itself.
     */
    private static int errorLine(String text, JacksonException e) {
        if (e.getLocation() == null) {
            return 0;
        }
        int line = e.getLocation().getLineNr();
        String message = String.valueOf(e.getOriginalMessage());
        if (e.getLocation().getColumnNr() == 1 && line > 1 && !message.startsWith("Unknown token")) {
            String[] lines = text.split("\r?\n", -1);
            line--;
            while (line > 1 && line <= lines.length && lines[line - 1].isBlank()) {
                line--;
            }
        }
        return line;
    }

    /** Parses a TOML value fragment such as {@code [1, 2]} or {@code {a = "b"}}. */
    static JsonNode fragment(String value) {
        return MAPPER.readTree("v = " + value + "\n").get("v");
    }

    /** The 1-based line where a dotted key (or its nearest enclosing key) is defined, or 0. */
    static int lineOf(String text, String path) {
        int best = 0;
        for (Entry entry : scan(text)) {
            if (entry.key().equals(path)) {
                return entry.line();
            }
            if (best == 0 && path.startsWith(entry.key() + ".")) {
                best = entry.line();
            }
        }
        return best;
    }

    /** The dotted key defined or opened on a 1-based line, or null. */
    static String keyAt(String text, int line) {
        String header = null;
        for (Entry entry : scan(text)) {
            if (entry.line() > line) {
                break;
            }
            if (entry.line() == line) {
                return entry.key();
            }
            if (entry.header()) {
                header = entry.key();
            }
        }
        return line > 0 ? header : null;
    }

    private record Entry(int line, String key, boolean header) {}

    private static List<Entry> scan(String text) {
        List<Entry> entries = new ArrayList<>();
        String table = "";
        boolean inMultiline = false;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            boolean wasInMultiline = inMultiline;
            if (countOf(line, "\"\"\"") % 2 == 1 || countOf(line, "'''") % 2 == 1) {
                inMultiline = !inMultiline;
            }
            if (wasInMultiline || line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                String inside = line.replaceAll("^\\[+|\\].*$", "");
                table = normalise(inside);
                entries.add(new Entry(i + 1, table, true));
            } else if (line.indexOf('=') > 0) {
                String key = normalise(line.substring(0, line.indexOf('=')));
                entries.add(new Entry(i + 1, table.isEmpty() ? key : table + "." + key, false));
            }
        }
        return entries;
    }

    private static String normalise(String key) {
        return key.replace("\"", "")
                .replace("'", "")
                .replaceAll("\\s*\\.\\s*", ".")
                .strip();
    }

    private static int countOf(String line, String token) {
        int count = 0;
        for (int at = line.indexOf(token); at >= 0; at = line.indexOf(token, at + token.length())) {
            count++;
        }
        return count;
    }
}
