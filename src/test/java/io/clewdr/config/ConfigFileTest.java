package io.clewdr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.toml.TomlMapper;

class ConfigFileTest {
    private static final TomlMapper TOML = TomlMapper.builder().build();

    @TempDir
    Path dir;

    private Path fixture(String name) throws IOException {
        Path file = dir.resolve("clewdr.toml");
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private static ObjectNode parse(Path file) throws IOException {
        return (ObjectNode) TOML.readTree(Files.readString(file));
    }

    @Test
    void a_head_era_file_saves_back_with_the_same_keys_and_values() throws IOException {
        Path file = fixture("head-era.toml");
        ObjectNode before = parse(file);
        ConfigFile config = ConfigFile.create(file, Map.of());
        config.load();

        config.save();

        assertThat(parse(file)).isEqualTo(before);
        assertThat(Files.readString(file))
                .contains("[[cookie_array]]", "[cookie_array.token]", "[cookie_array.token.organization]")
                .contains("[[wasted_cookie]]")
                .doesNotContain("[upstream]", "models");
    }

    @Test
    void a_legacy_era_file_saves_back_with_its_keys_and_values_plus_the_head_defaults() throws IOException {
        Path file = fixture("legacy-era.toml");
        ObjectNode before = parse(file);
        ConfigFile config = ConfigFile.create(file, Map.of());
        ConfigDocument doc = config.load();
        assertThat(doc.settings().persistence().mode()).isEqualTo(Persistence.Mode.POSTGRES);
        assertThat(doc.unknownKeys()).containsExactly("cache_response", "not_hash_system", "pad_tokens");

        config.save();

        ObjectNode after = parse(file);
        List<String> added = new ArrayList<>(after.propertyNames());
        added.removeAll(before.propertyNames());
        assertThat(added)
                .allSatisfy(key -> assertThat(SettingKey.find(key))
                        .hasValueSatisfying(k -> assertThat(k.head()).isTrue()));
        added.forEach(after::remove);
        assertThat(after).isEqualTo(before);
    }

    @Test
    void saved_files_are_owner_only() throws IOException {
        Path file = dir.resolve("sub/dir/clewdr.toml");
        ConfigFile config = ConfigFile.create(file, Map.of());
        config.load();

        config.save();

        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("clewdr.toml");
        }
    }

    @Test
    void concurrent_saves_always_leave_one_complete_version() throws Exception {
        Path file = dir.resolve("clewdr.toml");
        ConfigFile config = ConfigFile.create(file, Map.of());
        config.load();
        config.save();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int id = t;
            writers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 25; i++) {
                    String version = "v-" + id + "-" + i;
                    config.update(doc -> doc.withSettings(doc.settings().with(Map.of("custom_prompt", version)))
                            .withSection(CredentialSection.COOKIE_ARRAY, cookies(version)));
                }
            }));
        }
        List<String> seen = new ArrayList<>();
        while (writers.stream().anyMatch(Thread::isAlive)) {
            ObjectNode tree = parse(file);
            String prompt = tree.get("custom_prompt").stringValue();
            if (!prompt.isEmpty()) {
                assertThat(tree.get("cookie_array").get(0).get("cookie").stringValue())
                        .isEqualTo(prompt);
                assertThat(tree.get("cookie_array")).hasSize(50);
                seen.add(prompt);
            }
        }
        for (Thread writer : writers) {
            writer.join();
        }
        ObjectNode last = parse(file);
        assertThat(last.get("cookie_array").get(0).get("cookie").stringValue())
                .isEqualTo(last.get("custom_prompt").stringValue())
                .isEqualTo(config.current().settings().customPrompt());
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
        assertThat(seen).isNotEmpty();
    }

    private static tools.jackson.databind.node.ArrayNode cookies(String version) {
        var array = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 50; i++) {
            array.addObject().put("cookie", version).put("n", i);
        }
        return array;
    }

    @Test
    void unknown_keys_are_preserved_on_save() throws IOException {
        Path file = dir.resolve("clewdr.toml");
        Files.writeString(file, "cache_response = 3\n[upstream]\nmirror = \"x\"\n[extra]\na = [1, 2]\n");
        ConfigFile config = ConfigFile.create(file, Map.of());
        config.load();

        config.update(doc -> doc.withSettings(doc.settings().with(Map.of("port", 9000))));

        ObjectNode after = parse(file);
        assertThat(after.get("cache_response").intValue()).isEqualTo(3);
        assertThat(after.get("upstream").get("mirror").stringValue()).isEqualTo("x");
        assertThat(after.get("extra").get("a")).hasSize(2);
        assertThat(after.get("port").intValue()).isEqualTo(9000);
    }

    @Test
    void environment_values_are_not_written_over_the_files_own_until_changed_through_the_api() throws IOException {
        Path file = dir.resolve("clewdr.toml");
        Files.writeString(file, "port = 1111\npassword = \"file-password\"\n");
        ConfigFile config =
                ConfigFile.create(file, Map.of("CLEWDR_PORT", "2222", "CLEWDR_ADMIN_PASSWORD", "env-admin"));
        assertThat(config.load().settings().port()).isEqualTo(2222);

        config.save();
        ObjectNode saved = parse(file);
        assertThat(saved.get("port").intValue()).isEqualTo(1111);
        assertThat(saved.has("admin_password")).isFalse();
        assertThat(saved.get("password").stringValue()).isEqualTo("file-password");

        config.update(doc -> doc.withSettings(ConfigApi.merge(doc.settings(), json("{\"port\": 3333}"))));
        assertThat(parse(file).get("port").intValue()).isEqualTo(3333);
        assertThat(parse(file).has("admin_password")).isFalse();
    }

    @Test
    void generated_passwords_are_persisted() throws IOException {
        Path file = dir.resolve("clewdr.toml");
        ConfigFile config = ConfigFile.create(file, Map.of());
        ConfigDocument doc = config.load();

        config.save();

        assertThat(parse(file).get("password").stringValue())
                .isEqualTo(doc.settings().password());
        assertThat(ConfigFile.create(file, Map.of()).load().passwordGenerated()).isFalse();
    }

    @Test
    void a_corrupt_file_is_reported_and_never_written() throws IOException {
        Path file = dir.resolve("clewdr.toml");
        byte[] corrupt = "port = 8484\n[[cookie_array]\ncookie = \"precious\"\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, corrupt);
        ConfigFile config = ConfigFile.create(file, Map.of());

        assertThatThrownBy(config::load).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.line()).hasValue(2);
            assertThat(e.key()).contains("cookie_array");
        });
        assertThatThrownBy(config::save).isInstanceOf(IllegalStateException.class);

        assertThat(Files.readAllBytes(file)).isEqualTo(corrupt);
    }

    @Test
    void a_wrong_type_is_reported_and_the_file_is_never_written() throws IOException {
        Path file = dir.resolve("clewdr.toml");
        byte[] wrong = "port = \"8484\"\n[[cookie_array]]\ncookie = \"precious\"\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, wrong);
        ConfigFile config = ConfigFile.create(file, Map.of());

        assertThatThrownBy(config::load).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.file()).contains(file);
            assertThat(e.line()).hasValue(1);
            assertThat(e.key()).contains("port");
        });

        assertThat(Files.readAllBytes(file)).isEqualTo(wrong);
    }

    @Test
    void a_save_after_a_hand_edit_keeps_the_edit_and_tells_the_listeners() throws IOException {
        Path file = dir.resolve("clewdr.toml");
        ConfigFile config = ConfigFile.create(file, Map.of());
        config.load();
        config.save();
        List<ConfigDocument> edits = new ArrayList<>();
        config.onHandEdit(edits::add);
        Files.writeString(
                file,
                Files.readString(file).replace("port = 8484", "port = 9999")
                        + "\n[[cookie_array]]\ncookie = \"added-by-hand\"\n");

        ConfigDocument written =
                config.update(doc -> doc.withSettings(doc.settings().with(Map.of("max_retries", 9))));

        ObjectNode after = parse(file);
        assertThat(after.get("port").intValue()).isEqualTo(9999);
        assertThat(after.get("max_retries").intValue()).isEqualTo(9);
        assertThat(after.get("cookie_array").get(0).get("cookie").stringValue()).isEqualTo("added-by-hand");
        assertThat(written.settings().port()).isEqualTo(9999);
        assertThat(edits)
                .singleElement()
                .satisfies(doc -> assertThat(doc.settings().port()).isEqualTo(9999));
    }

    @Test
    void a_save_after_an_invalid_hand_edit_is_refused_and_the_edit_stays() throws IOException {
        Path file = dir.resolve("clewdr.toml");
        ConfigFile config = ConfigFile.create(file, Map.of());
        config.load();
        config.save();
        byte[] edited = (Files.readString(file) + "\nport = \"not a number\"\n").getBytes(StandardCharsets.UTF_8);
        Files.write(file, edited);

        assertThatThrownBy(() ->
                        config.update(doc -> doc.withSettings(doc.settings().with(Map.of("max_retries", 9)))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("refusing to save")
                .hasMessageContaining("edited by hand");

        assertThat(Files.readAllBytes(file)).isEqualTo(edited);
    }

    @Test
    void with_no_fs_nothing_is_written() {
        Path file = dir.resolve("clewdr.toml");
        ConfigFile config = ConfigFile.create(file, Map.of("CLEWDR_NO_FS", "true"));
        config.load();

        ConfigDocument after =
                config.update(doc -> doc.withSettings(doc.settings().with(Map.of("port", 1))));

        assertThat(file).doesNotExist();
        assertThat(after.settings().port()).isEqualTo(1);
    }

    @Test
    void newer_defaults_are_not_frozen_into_the_file() throws IOException {
        Path file = dir.resolve("clewdr.toml");
        ConfigFile config = ConfigFile.create(file, Map.of());
        config.load();

        config.update(
                doc -> doc.withSettings(doc.settings().with(Map.of("upstream.gemini_base", "http://127.0.0.1:1/"))));

        ObjectNode after = parse(file);
        assertThat(after.has("models")).isFalse();
        assertThat(after.get("upstream").propertyNames()).containsExactly("gemini_base");
        assertThat(Set.copyOf(after.propertyNames())).doesNotContain("persistence", "model_aliases");
    }

    private static tools.jackson.databind.JsonNode json(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
    }
}
