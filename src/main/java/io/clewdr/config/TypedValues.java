package io.clewdr.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strict conversion between Jackson trees (from TOML or JSON) and the Java values of {@link
 * Settings#values()}: a value of the wrong type is an error naming the key, never a silent coercion
 * (the environment has its own coercion rules in {@link EnvOverrides}).
 */
final class TypedValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TypedValues() {}

    /** The Java value of a node for a key; a JSON null is allowed only for optional strings. */
    static Object fromNode(SettingKey key, JsonNode node) {
        if (node.isNull()) {
            if (key.kind() == SettingKey.Kind.OPTIONAL_STRING) {
                return null;
            }
            throw ConfigException.invalid(key.path(), "must not be null");
        }
        return switch (key.kind()) {
            case BOOL -> {
                if (!node.isBoolean()) {
                    throw wrongType(key, "a boolean", node);
                }
                yield node.booleanValue();
            }
            case INT -> {
                if (!node.isIntegralNumber()) {
                    throw wrongType(key, "an integer", node);
                }
                if (!node.canConvertToInt()) {
                    throw ConfigException.invalid(key.path(), "integer out of range");
                }
                yield node.intValue();
            }
            case STRING, OPTIONAL_STRING -> {
                if (!node.isString()) {
                    throw wrongType(key, "a string", node);
                }
                yield node.stringValue();
            }
            case STRING_LIST -> {
                if (!node.isArray()) {
                    throw wrongType(key, "an array of strings", node);
                }
                List<String> list = new ArrayList<>();
                for (JsonNode item : node) {
                    if (!item.isString()) {
                        throw ConfigException.invalid(key.path(), "expected an array of strings");
                    }
                    list.add(item.stringValue());
                }
                yield list;
            }
            case STRING_MAP -> {
                if (!node.isObject()) {
                    throw wrongType(key, "a table of strings", node);
                }
                Map<String, String> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    if (!entry.getValue().isString()) {
                        throw ConfigException.invalid(key.path(), "expected a table of strings");
                    }
                    map.put(entry.getKey(), entry.getValue().stringValue());
                }
                yield map;
            }
        };
    }

    /** The tree form of a Java value; null stays null (TOML has no null, so callers omit it). */
    static JsonNode toNode(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case String s -> NODES.stringNode(s);
            case List<?> list -> {
                ArrayNode array = NODES.arrayNode();
                list.forEach(item -> array.add(String.valueOf(item)));
                yield array;
            }
            case Map<?, ?> map -> {
                ObjectNode object = NODES.objectNode();
                map.forEach((k, v) -> object.put(String.valueOf(k), String.valueOf(v)));
                yield object;
            }
            default -> throw new IllegalArgumentException("not a settings value: " + value.getClass());
        };
    }

    /** A short name of a node's type for error messages; never the value itself. */
    static String typeName(JsonNode node) {
        if (node.isString()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        if (node.isNumber()) {
            return "a float";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "a table";
        }
        return "null";
    }

    private static ConfigException wrongType(SettingKey key, String expected, JsonNode node) {
        return ConfigException.invalid(key.path(), "expected " + expected + ", got " + typeName(node));
    }
}
