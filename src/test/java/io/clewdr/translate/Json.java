package io.clewdr.translate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helpers: JSON text and fixture files to trees. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private Json() {}

    static JsonNode of(String json) {
        return MAPPER.readTree(json);
    }

    /** Re-reads a tree so numbers compare by value (a built long 5 and a parsed int 5 are equal). */
    static JsonNode normal(JsonNode node) {
        return MAPPER.readTree(node.toString());
    }

    static JsonNode fixture(String name) {
        String path = "/fixtures/openai_anthropic/" + name;
        try (InputStream in = Json.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
