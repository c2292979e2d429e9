package io.clewdr.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads {@code clewdr.toml} and the {@code CLEWDR_*} environment (§3.2-3.3) into a {@link
 * ConfigDocument}. Unlike the original, a file that is not valid TOML, or a known key with a wrong
 * type or a bad value, is an error ({@link ConfigException} naming file, line and key) rather than a
 * silent fallback to defaults that the next save would write over the user's file. Unknown keys are
 * warnings and are kept for the next save. Blank passwords are generated.
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private final Map<String, String> env;
    private final Random random;

    private ConfigLoader(Map<String, String> env, Random random) {
        this.env = Map.copyOf(env);
        this.random = random;
    }

    /**
     * A loader over an environment map ({@code System.getenv()} in production, a test's own map).
     *
     * @param env the environment
     * @return the loader
     */
    public static ConfigLoader create(Map<String, String> env) {
        return new ConfigLoader(env, new SecureRandom());
    }

    static ConfigLoader create(Map<String, String> env, Random random) {
        return new ConfigLoader(env, random);
    }

    /**
     * Loads the file named by the command line, then the environment over it.
     *
     * @param cli the parsed command line
     * @param env the environment
     * @return the document
     * @throws ConfigException when the file is unreadable, not valid TOML, or has a bad value
     */
    public static ConfigDocument load(CliOptions cli, Map<String, String> env) {
        return create(env).load(cli.config());
    }

    /**
     * Loads a file (a missing file counts as empty), then the environment over it.
     *
     * @param file the config file
     * @return the document
     * @throws ConfigException when the file is unreadable, not valid TOML, or has a bad value
     */
    public ConfigDocument load(Path file) {
        return fromText(file, read(file));
    }

    /** The file's text, or "" when it does not exist. */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            LOG.warn("Config file {} not found, using defaults", file);
            return "";
        } catch (IOException e) {
            throw ConfigException.inFile(
                    file, 0, null, "cannot read: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Loads from a file's text. */
    ConfigDocument fromText(Path file, String text) {
        FileValues fromFile = FileValues.read(file, text);
        EnvOverrides fromEnv = EnvOverrides.from(env);
        List<String> warnings = new ArrayList<>(fromFile.warnings());
        warnings.addAll(fromEnv.warnings());

        Map<String, Object> values = new LinkedHashMap<>(fromFile.values());
        Map<String, Object> envValues = new LinkedHashMap<>(fromEnv.values());
        Settings settings = null;
        while (settings == null) {
            Map<String, Object> effective = new LinkedHashMap<>(values);
            effective.putAll(envValues);
            try {
                settings = Settings.fromValues(effective);
            } catch (ConfigException e) {
                String key = e.key().orElse(null);
                if (key == null || !envValues.containsKey(key)) {
                    throw e.locatedIn(file, TomlText.lineOf(text, key == null ? "" : key));
                }
                warnings.add(fromEnv.variables().get(key) + ": " + reason(e) + "; ignored");
                envValues.remove(key);
            }
        }

        ObjectNode credentials = fromFile.sections();
        appendEnvSections(credentials, fromEnv.sections());
        Set<String> generated = new LinkedHashSet<>();
        settings = generateBlankPasswords(settings, generated);
        // a generated password must be persisted even when a blank one came from the environment
        Set<String> envKeys = new LinkedHashSet<>(envValues.keySet());
        envKeys.removeAll(generated);
        warnings.forEach(w -> LOG.warn("{}", w));
        return new ConfigDocument(
                file,
                settings,
                credentials,
                fromFile.tree(),
                fromFile.unknownKeys(),
                envKeys,
                Set.of(),
                generated,
                warnings);
    }

    /**
     * Takes in a hand edit of the file: keys the edit changed take the edited value (and count as
     * changed, so the environment no longer overrides them); every other key keeps its current value,
     * which already includes the environment and admin API changes.
     */
    ConfigDocument adopt(ConfigDocument current, String editedText) {
        Path file = current.source();
        FileValues edited = FileValues.read(file, editedText);
        ObjectNode before = current.fileTree();
        Map<String, Object> values = current.settings().values();
        Map<String, Object> defaults = Settings.defaults().values();
        Set<String> changed = new LinkedHashSet<>(current.changedKeys());
        for (SettingKey key : SettingKey.ALL) {
            String path = key.path();
            if (Objects.equals(FileShape.at(before, path), FileShape.at(edited.tree(), path))) {
                continue;
            }
            if (edited.values().containsKey(path)) {
                values.put(path, edited.values().get(path));
                changed.add(path);
            } else {
                values.put(path, defaults.get(path));
                changed.remove(path);
            }
        }
        Settings settings;
        try {
            settings = Settings.fromValues(values);
        } catch (ConfigException e) {
            throw e.locatedIn(file, TomlText.lineOf(editedText, e.key().orElse("")));
        }
        Set<String> generated = new LinkedHashSet<>(current.generatedKeys());
        generated.removeAll(changed);
        settings = generateBlankPasswords(settings, generated);
        ObjectNode credentials = edited.sections();
        appendEnvSections(credentials, EnvOverrides.from(env).sections());
        edited.warnings().forEach(w -> LOG.warn("{}", w));
        return new ConfigDocument(
                file,
                settings,
                credentials,
                edited.tree(),
                edited.unknownKeys(),
                current.envKeys(),
                changed,
                generated,
                edited.warnings());
    }

    private Settings generateBlankPasswords(Settings settings, Set<String> generated) {
        Settings result = settings;
        if (result.password().isBlank()) {
            LOG.info("Generating random password......");
            result = result.withPassword(RandomPassword.generate(random));
            generated.add("password");
        }
        if (result.adminPassword().isBlank()) {
            LOG.info("Generating random admin password......");
            result = result.withAdminPassword(RandomPassword.generate(random));
            generated.add("admin_password");
        }
        return result;
    }

    /** Environment credentials come after the file's entries (the credential package de-duplicates). */
    private static void appendEnvSections(ObjectNode credentials, ObjectNode fromEnv) {
        for (Map.Entry<String, JsonNode> entry : fromEnv.properties()) {
            JsonNode envValue = entry.getValue();
            JsonNode existing = credentials.get(entry.getKey());
            if (envValue.isArray()) {
                ArrayNode target = existing instanceof ArrayNode a ? a : credentials.putArray(entry.getKey());
                envValue.forEach(target::add);
            } else {
                ObjectNode target = existing instanceof ObjectNode o ? o : credentials.putObject(entry.getKey());
                for (Map.Entry<String, JsonNode> child : envValue.properties()) {
                    if (child.getValue().isArray() && target.get(child.getKey()) instanceof ArrayNode a) {
                        child.getValue().forEach(a::add);
                    } else {
                        target.set(child.getKey(), child.getValue());
                    }
                }
            }
        }
    }

    private static String reason(ConfigException e) {
        String message = e.getMessage();
        return e.key().map(k -> message.substring(k.length() + 2)).orElse(message);
    }
}
