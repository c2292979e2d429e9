package io.clewdr.relay;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The model list of {@code GET /v1/models} and {@code /code/v1/models} (clewdr-behaviour.md §4.10):
 * each configured model followed by its {@code -thinking} variant, then the configured aliases, in
 * the OpenAI list shape.
 */
final class ModelCatalog {
    private static final JsonMapper JSON = JsonMapper.shared();

    private ModelCatalog() {}

    static List<String> ids(List<String> models, Map<String, String> aliases) {
        Set<String> ids = new LinkedHashSet<>();
        for (String model : models) {
            ids.add(model);
            if (!model.endsWith("-thinking")) {
                ids.add(model + "-thinking");
            }
        }
        ids.addAll(aliases.keySet());
        return new ArrayList<>(ids);
    }

    static ObjectNode openAiList(List<String> ids) {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String id : ids) {
            data.addObject()
                    .put("id", id)
                    .put("object", "model")
                    .put("created", 0)
                    .put("owned_by", "clewdr");
        }
        return root;
    }
}
