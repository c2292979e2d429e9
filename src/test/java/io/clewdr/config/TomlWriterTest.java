package io.clewdr.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class TomlWriterTest {
    private static ObjectNode roundTrip(ObjectNode tree) {
        return TomlText.parse(Path.of("t.toml"), TomlWriter.render(tree));
    }

    @Test
    void awkward_strings_and_keys_survive_a_round_trip() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("prompt", "quote \" backslash \\ newline \n tab \t bell \u0007 del \u007f unicode é 😀 'single'");
        tree.putObject("model_aliases").put("claude 3.5.sonnet", "m").put("fast", "claude-haiku");
        tree.put("big", 12345678901234L)
                .put("ratio", new java.math.BigDecimal("1785087657.25"))
                .put("flag", false);

        assertThat(roundTrip(tree)).isEqualTo(tree);
    }

    @Test
    void plain_keys_come_first_then_tables_then_arrays_of_tables() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putArray("cookie_array")
                .addObject()
                .put("cookie", "c")
                .putObject("token")
                .put("access_token", "t");
        tree.putObject("persistence").put("mode", "file");
        tree.put("port", 8484);

        String text = TomlWriter.render(tree);

        assertThat(text).isEqualTo("""
                port = 8484

                [persistence]
                mode = "file"

                [[cookie_array]]
                cookie = "c"

                [cookie_array.token]
                access_token = "t"
                """);
    }

    @Test
    void long_arrays_are_written_one_item_per_line_and_empty_arrays_inline() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        var models = tree.putArray("models");
        Settings.DEFAULT_MODELS.forEach(models::add);
        tree.putArray("wasted_cookie");
        tree.putArray("mixed").add(1).addObject().put("a", "b");

        String text = TomlWriter.render(tree);

        assertThat(text).contains("models = [\n    \"claude-fable-5\",\n").contains("wasted_cookie = []");
        assertThat(roundTrip(tree)).isEqualTo(tree);
    }

    @Test
    void null_values_are_left_out() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putNull("proxy");
        tree.put("port", 1);

        assertThat(TomlWriter.render(tree)).isEqualTo("port = 1\n");
    }
}
