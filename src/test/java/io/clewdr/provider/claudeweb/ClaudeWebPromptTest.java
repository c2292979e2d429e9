package io.clewdr.provider.claudeweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clewdr.credential.CookieStatus;
import io.clewdr.provider.Opened;
import io.clewdr.testkit.FakeClaudeAccounts;
import io.clewdr.testkit.FakeClaudeWeb;
import io.clewdr.testkit.FakeClaudeWeb.Upload;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ClaudeWebPromptTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, (byte) 0xFF};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};

    private final WebFixture f = new WebFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void the_paste_attachment_holds_the_flattened_prompt_with_the_custom_labels_and_real_roles() throws Exception {
        f.set("custom_h", "User");
        f.set("custom_a", "Bot");
        f.set("use_real_roles", true);
        f.set("custom_prompt", "Read the paste.");
        var request = WebFixture.request("{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":64,"
                + "\"system\":[{\"type\":\"text\",\"text\":\" Rules. \"}],\"messages\":["
                + "{\"role\":\"user\",\"content\":\"héllo\"},{\"role\":\"assistant\",\"content\":\"hi\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"one\"}]},"
                + "{\"role\":\"user\",\"content\":\"two\"}]}");

        f.open(f.cookie(1), request, true);

        JsonNode body = f.only("POST", "/completion").json();
        String expected = "Rules.\n\n\bUser: héllo\n\n\bBot: hi\n\n\bUser: one\ntwo";
        JsonNode attachment = body.path("attachments").path(0);
        assertThat(body.path("attachments").size()).isEqualTo(1);
        assertThat(attachment.path("extracted_content").asString()).isEqualTo(expected);
        assertThat(attachment.path("file_name").asString()).isEqualTo("paste.txt");
        assertThat(attachment.path("file_type").asString()).isEqualTo("txt");
        assertThat(attachment.path("file_size").asLong()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
        assertThat(body.path("prompt").asString()).isEqualTo("Read the paste.");
    }

    @Test
    void the_default_labels_let_the_fake_echo_the_last_human_turn() throws Exception {
        var request = WebFixture.request("{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":64,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"first\"},{\"role\":\"assistant\",\"content\":\"ok\"},"
                + "{\"role\":\"user\",\"content\":\"second\"}]}");

        Opened opened = f.open(f.cookie(1), request, true);

        assertThat(FakeClaudeWeb.paste(f.web.completions().getFirst()))
                .isEqualTo("first\n\n\bAssistant: ok\n\n\bHuman: second"); // use_real_roles defaults to true
        assertThat(ClaudeWebSequenceTest.textOf(WebFixture.body(opened))).isEqualTo("echo: second");
    }

    @Test
    void base64_and_data_url_images_are_uploaded_with_their_file_names_and_sent_as_files() throws Exception {
        CookieStatus cookie = f.cookie(1);
        var request = WebFixture.request("{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":64,\"messages\":["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\""
                + b64(PNG) + "\"}},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/jpeg;base64," + b64(JPEG) + "\"}},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/webp\",\"data\":\"%%%\"}}"
                + "]}]}");

        Opened opened = f.open(cookie, request, true);

        assertThat(opened).isInstanceOf(Opened.Accepted.class);
        List<Upload> uploads = f.web.uploads();
        assertThat(uploads).hasSize(2); // the undecodable webp is skipped
        Upload png = uploads.stream()
                .filter(u -> u.fileName().equals("image.png"))
                .findFirst()
                .orElseThrow();
        Upload jpg = uploads.stream()
                .filter(u -> u.fileName().equals("image.jpg"))
                .findFirst()
                .orElseThrow();
        assertThat(png.bytes()).isEqualTo(PNG);
        assertThat(png.partName()).isEqualTo("file");
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(jpg.bytes()).isEqualTo(JPEG);
        assertThat(png.orgUuid()).isEqualTo(f.accounts.account(cookie.cookie().value()).orgUuid);
        List<String> files = f.web.completions()
                .getFirst()
                .path("files")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        assertThat(files).containsExactly(png.fileUuid(), jpg.fileUuid()); // message order
        assertThat(f.calls().indexOf("POST /api/" + png.orgUuid() + "/upload"))
                .isGreaterThan(f.calls()
                        .indexOf("PUT /api/organizations/" + png.orgUuid() + "/chat_conversations/"
                                + f.web.conversations().keySet().iterator().next()));
    }

    @Test
    void the_file_names_follow_the_media_type() {
        assertThat(ImageUpload.fileName("image/png")).isEqualTo("image.png");
        assertThat(ImageUpload.fileName("image/jpeg")).isEqualTo("image.jpg");
        assertThat(ImageUpload.fileName("image/jpg")).isEqualTo("image.jpg");
        assertThat(ImageUpload.fileName("image/gif")).isEqualTo("image.gif");
        assertThat(ImageUpload.fileName("image/webp")).isEqualTo("image.webp");
        assertThat(ImageUpload.fileName("application/pdf")).isEqualTo("document.pdf");
        assertThat(ImageUpload.fileName("image/heic")).isEqualTo("file");
        assertThat(ImageUpload.from(new PromptFlattener.Image("IMAGE/PNG; charset=x", b64(PNG)))
                        .orElseThrow()
                        .fileName())
                .isEqualTo("image.png");
    }

    @Test
    void a_failed_upload_is_skipped_and_the_completion_still_goes_out() throws Exception {
        CookieStatus cookie = f.cookie(1);
        String org = f.accounts.account(cookie.cookie().value()).orgUuid;
        f.server.on("POST", "/api/" + org + "/upload", r -> FakeClaudeAccounts.error(500, "api_error", "upload broke"));
        var request = WebFixture.request("{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":64,\"messages\":["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\""
                + b64(PNG) + "\"}}]}]}");

        Opened opened = f.open(cookie, request, true);

        assertThat(opened).isInstanceOf(Opened.Accepted.class);
        assertThat(f.server.received("/api/" + org + "/upload")).hasSize(1);
        assertThat(f.web.completions().getFirst().path("files").size()).isZero();
    }

    @Test
    void a_failed_settings_call_is_ignored() throws Exception {
        f.server.onPrefix(
                "PUT", "/api/organizations/", r -> FakeClaudeAccounts.error(500, "api_error", "settings broke"));

        Opened opened = f.open(f.cookie(1), WebFixture.hello(), true);

        assertThat(opened).isInstanceOf(Opened.Accepted.class);
        assertThat(f.web.completions()).hasSize(1);
    }

    @Test
    void a_request_without_any_text_fails_before_any_upstream_call() {
        var request = WebFixture.request("{\"model\":\"m\",\"max_tokens\":5,\"messages\":["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"x\"}]}]}");

        assertThatThrownBy(() -> f.open(f.cookie(1), request, true))
                .isInstanceOf(EmptyRequestException.class)
                .hasMessage("Request body is empty");
        assertThat(f.server.received()).isEmpty();
    }
}
