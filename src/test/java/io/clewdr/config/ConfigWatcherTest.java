package io.clewdr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {
    @TempDir
    Path dir;

    @Test
    void a_hand_edit_is_picked_up_within_two_seconds() throws IOException {
        Path file = dir.resolve("clewdr.toml");
        ConfigFile config = ConfigFile.create(file, Map.of());
        LiveConfig live = LiveConfig.of(config.load().settings());
        config.save();
        config.onHandEdit(doc -> live.set(doc.settings()));

        try (ConfigWatcher _ = ConfigWatcher.start(config, Duration.ofMillis(50), e -> {})) {
            Files.writeString(file, Files.readString(file).replace("web_search = false", "web_search = true"));

            await().atMost(Duration.ofSeconds(2)).until(() -> live.get().webSearch());
        }
        assertThat(config.current().settings().webSearch()).isTrue();
    }

    @Test
    void our_own_saves_are_not_taken_for_hand_edits() throws IOException {
        Path file = dir.resolve("clewdr.toml");
        ConfigFile config = ConfigFile.create(file, Map.of());
        config.load();
        List<ConfigDocument> edits = new CopyOnWriteArrayList<>();
        config.onHandEdit(edits::add);

        try (ConfigWatcher _ = ConfigWatcher.start(config, Duration.ofMillis(10), e -> {})) {
            for (int i = 0; i < 30; i++) {
                int retries = i;
                config.update(doc -> doc.withSettings(doc.settings().with(Map.of("max_retries", retries))));
            }
            // a hand edit after our saves is the only one reported
            Files.writeString(file, Files.readString(file).replace("port = 8484", "port = 8485"));
            await().atMost(Duration.ofSeconds(2)).until(() -> !edits.isEmpty());
        }
        // Under load the one edit may be seen in two polls; what matters is that none of our 30
        // saves was reported: every report carries the hand-edited port.
        assertThat(edits).isNotEmpty().allSatisfy(doc -> {
            assertThat(doc.settings().port()).isEqualTo(8485);
            assertThat(doc.settings().maxRetries()).isEqualTo(29);
        });
    }

    @Test
    void an_invalid_hand_edit_is_reported_once_and_the_old_settings_stay() throws IOException {
        Path file = dir.resolve("clewdr.toml");
        ConfigFile config = ConfigFile.create(file, Map.of());
        Settings before = config.load().settings();
        config.save();
        List<ConfigException> problems = new CopyOnWriteArrayList<>();
        List<ConfigDocument> edits = new CopyOnWriteArrayList<>();
        config.onHandEdit(edits::add);
        String valid = Files.readString(file);

        try (ConfigWatcher _ = ConfigWatcher.start(config, Duration.ofMillis(20), problems::add)) {
            Files.writeString(file, valid.replace("port = 8484", "port = \"oops\""));
            await().atMost(Duration.ofSeconds(2)).until(() -> !problems.isEmpty());
            assertThat(problems.getFirst().key()).contains("port");
            assertThat(problems.getFirst().line()).hasValue(2);
            assertThat(problems.getFirst().getMessage()).contains(file.toString());
            assertThat(config.current().settings()).isEqualTo(before);

            // then the user fixes it: the fix is taken in
            Files.writeString(file, valid.replace("port = 8484", "port = 8486"));
            await().atMost(Duration.ofSeconds(2)).until(() -> !edits.isEmpty());
        }
        assertThat(problems).hasSize(1);
        assertThat(edits.getFirst().settings().port()).isEqualTo(8486);
    }
}
