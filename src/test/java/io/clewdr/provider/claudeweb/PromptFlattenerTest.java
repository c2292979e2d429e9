package io.clewdr.provider.claudeweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clewdr.provider.claudeweb.PromptFlattener.Image;
import io.clewdr.provider.claudeweb.PromptFlattener.Options;
import io.clewdr.provider.claudeweb.PromptFlattener.Prompt;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PromptFlattenerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Options PLAIN = Options.defaults();
    private static final Options REAL = new Options(null, null, true);

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static String flatten(String request, Options options) {
        return PromptFlattener.flatten(json(request), options).text();
    }

    @Test
    void a_system_text_comes_first_and_every_message_gets_a_label() {
        String text = flatten(
                "{\"system\":\"  Be brief.  \",\"messages\":[{\"role\":\"user\",\"content\":\" hi \"},"
                        + "{\"role\":\"assistant\",\"content\":\"hello\"},{\"role\":\"user\",\"content\":\"bye\"}]}",
                PLAIN);

        assertThat(text).isEqualTo("Be brief.\n\nHuman: hi\n\nAssistant: hello\n\nHuman: bye");
    }

    @Test
    void without_a_system_the_first_message_opens_the_text_without_a_label() {
        String text = flatten(
                "{\"messages\":[{\"role\":\"assistant\",\"content\":\"prefill\"},"
                        + "{\"role\":\"user\",\"content\":\"hi\"}]}",
                PLAIN);

        assertThat(text).isEqualTo("prefill\n\nHuman: hi");
    }

    @Test
    void an_array_system_joins_the_trimmed_texts_with_newlines() {
        String text = flatten(
                "{\"system\":[{\"type\":\"text\",\"text\":\" one \"},{\"type\":\"text\",\"text\":\"two\","
                        + "\"cache_control\":{\"type\":\"ephemeral\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}",
                PLAIN);

        assertThat(text).isEqualTo("one\ntwo\n\nHuman: q");
    }

    @Test
    void consecutive_messages_of_one_role_are_folded() {
        String text = flatten(
                "{\"system\":\"S\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"user\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"b\"},{\"type\":\"text\",\"text\":\"c\"}]},"
                        + "{\"role\":\"assistant\",\"content\":\"d\"},{\"role\":\"assistant\",\"content\":\"e\"}]}",
                PLAIN);

        assertThat(text).isEqualTo("S\n\nHuman: a\nb\nc\n\nAssistant: d\ne");
    }

    @Test
    void empty_messages_are_skipped_before_folding() {
        String text = flatten(
                "{\"system\":\"S\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\","
                        + "\"content\":\"   \"},{\"role\":\"user\",\"content\":\"b\"}]}",
                PLAIN);

        assertThat(text).isEqualTo("S\n\nHuman: a\nb");
    }

    @Test
    void real_roles_put_a_backspace_in_the_separator() {
        String text = flatten(
                "{\"system\":\"<system>\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                        + "{\"role\":\"assistant\",\"content\":\"yo\"}]}",
                REAL);

        assertThat(text).isEqualTo("<system>\n\n\bHuman: hi\n\n\bAssistant: yo");
    }

    @Test
    void custom_labels_replace_human_and_assistant() {
        String text = flatten(
                "{\"system\":\"S\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                        + "{\"role\":\"assistant\",\"content\":\"yo\"}]}",
                new Options("User", "Claude", false));

        assertThat(text).isEqualTo("S\n\nUser: hi\n\nClaude: yo");
        assertThat(new Options(" ", "", false)).isEqualTo(Options.defaults());
    }

    @Test
    void tool_calls_thinking_documents_and_remote_images_are_dropped() {
        Prompt prompt = PromptFlattener.flatten(
                json("{\"system\":\"S\",\"messages\":[{\"role\":\"user\",\"content\":["
                        + "{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":\"r\"},"
                        + "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"data\":\"doc\"}},"
                        + "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://x/y.png\"}},"
                        + "{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"f\"}},"
                        + "{\"type\":\"text\",\"text\":\"kept\"}]},"
                        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"t\"},"
                        + "{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{}}]}]}"),
                PLAIN);

        assertThat(prompt.text()).isEqualTo("S\n\nHuman: kept");
        assertThat(prompt.images()).isEmpty();
    }

    @Test
    void inline_images_are_collected_with_their_media_types() {
        Prompt prompt = PromptFlattener.flatten(
                json("{\"messages\":[{\"role\":\"user\",\"content\":["
                        + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBO\"}},"
                        + "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"data:image/jpeg;base64,/9j/\"}},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/webp;q=1;base64,UklG\"}},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://remote/img.gif\"}},"
                        + "{\"type\":\"text\",\"text\":\"describe\"}]},"
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                        + "\"media_type\":\"image/gif\",\"data\":\"R0lG\"}}]}]}"),
                PLAIN);

        assertThat(prompt.text()).isEqualTo("describe");
        assertThat(prompt.images())
                .containsExactly(
                        new Image("image/png", "iVBO"),
                        new Image("image/jpeg", "/9j/"),
                        new Image("image/webp", "UklG"),
                        new Image("image/gif", "R0lG"));
    }

    @Test
    void a_request_without_any_message_text_is_empty() {
        assertThatThrownBy(() -> flatten("{\"system\":\"S\",\"messages\":[]}", PLAIN))
                .isInstanceOf(EmptyRequestException.class)
                .hasMessage("Request body is empty");
        assertThatThrownBy(() -> flatten("{\"messages\":[{\"role\":\"user\",\"content\":\" \"}]}", PLAIN))
                .isInstanceOf(EmptyRequestException.class);
    }

    @Test
    void the_completion_body_has_the_shape_claude_ai_expects() {
        String paste = flatten("{\"system\":\"<system>\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", REAL);
        var body = new WebCompletionBody(8192, paste, List.of(), "claude-sonnet-4-6", true, true, "", false).json();

        assertThat(JSON.writeValueAsString(body))
                .isEqualTo(
                        "{\"max_tokens_to_sample\":8192,\"attachments\":[{\"extracted_content\":\"<system>\\n\\n\\bHuman: hi\","
                                + "\"file_name\":\"paste.txt\",\"file_type\":\"txt\",\"file_size\":"
                                + paste.getBytes(StandardCharsets.UTF_8).length
                                + "}],\"files\":[],\"model\":\"claude-sonnet-4-6\","
                                + "\"rendering_mode\":\"messages\",\"prompt\":\"\",\"timezone\":\"America/New_York\",\"tools\":[]}");
    }

    @Test
    void the_completion_body_omits_the_model_for_free_accounts_and_counts_utf8_bytes() {
        var body = new WebCompletionBody(
                        100, "héllo ✓", List.of("f1", "f2"), "claude-opus-4-7", false, false, null, true)
                .json();

        assertThat(body.has("model")).isFalse();
        assertThat(body.at("/attachments/0/file_size").asInt()).isEqualTo(10);
        assertThat(body.get("files")).isEqualTo(json("[\"f1\",\"f2\"]"));
        assertThat(body.get("rendering_mode").asString()).isEqualTo("raw");
        assertThat(body.get("prompt").asString()).isEmpty();
        assertThat(body.get("tools")).isEqualTo(json("[{\"name\":\"web_search\",\"type\":\"web_search_v0\"}]"));
    }
}
