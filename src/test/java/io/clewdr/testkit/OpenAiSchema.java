package io.clewdr.testkit;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Test support: validates JSON bodies against the schemas of the official OpenAI OpenAPI document
 * ({@code shared/specs/openai-openapi.yaml}), so tests can prove that what we send is what the
 * OpenAI SDKs expect.
 *
 * <p>The document is found at {@code ../shared/specs/openai-openapi.yaml} relative to the module
 * directory, else at {@code /work/shared/specs/openai-openapi.yaml}. It is 3 MB, so it is loaded
 * once per JVM and each compiled schema is cached.
 *
 * <p>Two adaptations make the OpenAPI 3.1 document usable by a plain JSON Schema 2020-12 validator:
 * {@code #/components/schemas/...} references are resolved by validating against a small root
 * schema that carries the document's {@code components} beside a {@code $ref} to the named schema;
 * and the OpenAPI 3.0 keyword {@code nullable: true}, which the document still uses in places (for
 * example {@code finish_reason} of stream chunks), is rewritten as {@code anyOf: [schema, {type:
 * "null"}]}, which is what it means. Vendor keys ({@code x-*}, {@code discriminator}) are ignored
 * as annotations.
 */
public final class OpenAiSchema {

    /** The response body of {@code POST /v1/chat/completions} without streaming. */
    public static final String CHAT_COMPLETION = "CreateChatCompletionResponse";
    /** One {@code data:} chunk of a streamed chat completion. */
    public static final String CHAT_COMPLETION_CHUNK = "CreateChatCompletionStreamResponse";
    /** The body of {@code GET /v1/models}. */
    public static final String MODEL_LIST = "ListModelsResponse";
    /** The body of every OpenAI error. */
    public static final String ERROR = "ErrorResponse";

    private static final Path RELATIVE = Path.of("../shared/specs/openai-openapi.yaml");
    private static final Path ABSOLUTE = Path.of("/work/shared/specs/openai-openapi.yaml");
    private static final JsonMapper JSON = JsonMapper.shared();

    private static final ReentrantLock LOAD_LOCK = new ReentrantLock();
    private static volatile ObjectNode components;
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private OpenAiSchema() {}

    /**
     * Validates {@code body} against the named schema of {@code #/components/schemas}.
     *
     * @return one readable line per violation (instance location and message); empty when valid
     */
    public static List<String> violations(String schemaName, JsonNode body) {
        List<Error> errors = schema(schemaName).validate(body);
        return errors.stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .toList();
    }

    /** Validates a JSON text against the named schema; see {@link #violations(String, JsonNode)}. */
    public static List<String> violations(String schemaName, String json) {
        return violations(schemaName, JSON.readTree(json));
    }

    private static Schema schema(String name) {
        return SCHEMAS.computeIfAbsent(name, OpenAiSchema::compile);
    }

    private static Schema compile(String name) {
        ObjectNode all = components();
        if (!all.path("schemas").has(name)) {
            throw new IllegalArgumentException("schema: " + name + " (not in #/components/schemas)");
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        root.put("$ref", "#/components/schemas/" + name);
        root.set("components", all);
        return REGISTRY.getSchema(SchemaLocation.of("https://clewdr.invalid/openai/" + name + ".json"), root);
    }

    private static ObjectNode components() {
        ObjectNode loaded = components;
        if (loaded != null) {
            return loaded;
        }
        LOAD_LOCK.lock();
        try {
            if (components == null) {
                JsonNode document = YAMLMapper.shared().readTree(readSpec());
                components = (ObjectNode) nullableToAnyOf(document.required("components"));
            }
            return components;
        } finally {
            LOAD_LOCK.unlock();
        }
    }

    /**
     * Reads the document as text with whitespace-only lines emptied: the document holds a {@code |+}
     * block scalar whose only line is 12 spaces followed by a less indented key, which the YAML
     * engine rejects. Emptying such lines changes nothing a schema checks.
     */
    private static String readSpec() {
        try {
            return Files.readString(specPath()).replaceAll("(?m)^[ \\t]+$", "");
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path specPath() {
        if (Files.isRegularFile(RELATIVE)) {
            return RELATIVE;
        }
        if (Files.isRegularFile(ABSOLUTE)) {
            return ABSOLUTE;
        }
        throw new UncheckedIOException(new java.io.FileNotFoundException(
                "openai-openapi.yaml: found neither at " + RELATIVE.toAbsolutePath() + " nor at " + ABSOLUTE));
    }

    /** Returns a copy of {@code node} in which every {@code nullable: true} schema also admits null. */
    private static JsonNode nullableToAnyOf(JsonNode node) {
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(item -> copy.add(nullableToAnyOf(item)));
            return copy;
        }
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        object.properties().forEach(entry -> copy.set(entry.getKey(), nullableToAnyOf(entry.getValue())));
        if (!copy.path("nullable").asBoolean(false)) {
            return copy;
        }
        copy.remove("nullable");
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
        ArrayNode anyOf = wrapped.putArray("anyOf");
        anyOf.add(copy);
        anyOf.addObject().put("type", "null");
        return wrapped;
    }
}
