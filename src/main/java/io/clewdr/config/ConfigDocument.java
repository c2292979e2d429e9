package io.clewdr.config;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One loaded configuration: the settings, the credential sections as untouched Jackson trees, and
 * what a faithful save needs to know (the file's own values, which keys came from the environment or
 * were changed since, unknown keys to write back). Immutable: the trees are copied in and out.
 *
 * @param source the config file
 * @param settings the effective settings (file, then environment, then later changes)
 * @param credentials the credential sections present, keyed by {@link CredentialSection#key()}
 * @param fileTree the file's own tree as last read or written (env values never enter it)
 * @param unknownKeys dotted keys in the file that no setting knows; preserved by saves
 * @param envKeys settings keys whose value came from a {@code CLEWDR_*} variable
 * @param changedKeys settings keys changed after loading (admin API or a hand edit); a save writes
 *     their current value even when they came from the environment
 * @param generatedKeys {@code password} and/or {@code admin_password} when generated at load (the
 *     startup banner prints a password in full only then)
 * @param warnings problems that did not stop loading (unknown keys, ignored variables)
 */
public record ConfigDocument(
        Path source,
        Settings settings,
        ObjectNode credentials,
        ObjectNode fileTree,
        List<String> unknownKeys,
        Set<String> envKeys,
        Set<String> changedKeys,
        Set<String> generatedKeys,
        List<String> warnings) {

    /** Copies every collection and tree. */
    public ConfigDocument {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(settings, "settings");
        credentials = credentials.deepCopy();
        fileTree = fileTree.deepCopy();
        unknownKeys = List.copyOf(unknownKeys);
        envKeys = Set.copyOf(envKeys);
        changedKeys = Set.copyOf(changedKeys);
        generatedKeys = Set.copyOf(generatedKeys);
        warnings = List.copyOf(warnings);
    }

    /**
     * A copy of the credential sections.
     *
     * @return the sections, keyed by {@link CredentialSection#key()}
     */
    @Override
    public ObjectNode credentials() {
        return credentials.deepCopy();
    }

    /**
     * A copy of the file's own tree as last read or written.
     *
     * @return the tree
     */
    @Override
    public ObjectNode fileTree() {
        return fileTree.deepCopy();
    }

    /**
     * One credential section, as a copy.
     *
     * @param section the section
     * @return its tree; an empty array or table when the file and environment had none
     */
    public JsonNode section(CredentialSection section) {
        JsonNode node = credentials.get(section.key());
        if (node != null) {
            return node.deepCopy();
        }
        return section.array() ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
    }

    /**
     * A copy with one credential section replaced (the pool's snapshot before a save).
     *
     * @param section the section
     * @param value its new tree: an array, or a table for {@link CredentialSection#VERTEX}
     * @return the copy
     */
    public ConfigDocument withSection(CredentialSection section, JsonNode value) {
        if (section.array() ? !value.isArray() : !value.isObject()) {
            throw new IllegalArgumentException(
                    section.key() + ": expected " + (section.array() ? "an array" : "a table"));
        }
        ObjectNode next = credentials.deepCopy();
        next.set(section.key(), value.deepCopy());
        return new ConfigDocument(
                source, settings, next, fileTree, unknownKeys, envKeys, changedKeys, generatedKeys, warnings);
    }

    /**
     * A copy with new settings; every key whose value differs is recorded as changed, so that a save
     * writes it even if it first came from the environment.
     *
     * @param next the new settings
     * @return the copy
     */
    public ConfigDocument withSettings(Settings next) {
        Set<String> changed = new LinkedHashSet<>(changedKeys);
        Map<String, Object> before = settings.values();
        next.values().forEach((key, value) -> {
            if (!Objects.equals(before.get(key), value)) {
                changed.add(key);
            }
        });
        Set<String> generated = new LinkedHashSet<>(generatedKeys);
        generated.removeAll(changed);
        return new ConfigDocument(
                source, next, credentials, fileTree, unknownKeys, envKeys, changed, generated, warnings);
    }

    /**
     * Whether the API password was generated at load.
     *
     * @return true when generated
     */
    public boolean passwordGenerated() {
        return generatedKeys.contains("password");
    }

    /**
     * Whether the admin password was generated at load.
     *
     * @return true when generated
     */
    public boolean adminPasswordGenerated() {
        return generatedKeys.contains("admin_password");
    }

    /** A copy that records the tree now on disk (after a save wrote it). */
    ConfigDocument withFileTree(ObjectNode written) {
        return new ConfigDocument(
                source, settings, credentials, written, unknownKeys, envKeys, changedKeys, generatedKeys, warnings);
    }

    @Override
    public String toString() {
        return "ConfigDocument[source=" + source + ", settings=" + settings + ", sections="
                + credentials.propertyNames() + ", unknownKeys=" + unknownKeys + ", envKeys=" + envKeys
                + ", changedKeys=" + changedKeys + "]";
    }
}
