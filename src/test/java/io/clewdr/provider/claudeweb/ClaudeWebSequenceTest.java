package io.clewdr.provider.claudeweb;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.clewdr.credential.CookieStatus;
import io.clewdr.provider.Opened;
import io.clewdr.testkit.FakeClaudeWeb;
import io.clewdr.testkit.Recorded;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

class ClaudeWebSequenceTest {

    private final WebFixture f = new WebFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private String org(CookieStatus cookie) {
        return f.accounts.account(cookie.cookie().value()).orgUuid;
    }

    @Test
    void one_attempt_calls_bootstrap_organizations_create_settings_and_completion_in_that_order() throws Exception {
        CookieStatus cookie = f.cookie(1);

        Opened opened = f.open(cookie, WebFixture.hello(), true);

        assertThat(opened).isInstanceOf(Opened.Accepted.class);
        String conv = f.web.conversations().keySet().iterator().next();
        String base = "/api/organizations/" + org(cookie) + "/chat_conversations";
        assertThat(f.calls())
                .containsExactly(
                        "GET /api/bootstrap",
                        "GET /api/organizations",
                        "POST " + base,
                        "PUT " + base + "/" + conv,
                        "POST " + base + "/" + conv + "/completion");
    }

    @Test
    void the_account_of_a_cookie_is_logged_at_info_level_once_not_on_every_request() throws Exception {
        var logger = (Logger) LoggerFactory.getLogger(ClaudeWebBackend.class);
        var lines = new ListAppender<ILoggingEvent>();
        lines.start();
        logger.addAppender(lines);
        try {
            CookieStatus cookie = f.cookie(1);
            f.open(cookie, WebFixture.hello(), true);
            f.open(cookie, WebFixture.hello(), true);
            f.open(cookie, WebFixture.hello(), true);
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list.stream()
                        .filter(e -> e.getLevel() == Level.INFO)
                        .map(ILoggingEvent::getFormattedMessage)
                        .filter(m -> m.contains("account, capabilities")))
                .hasSize(1);
    }

    @Test
    void every_call_carries_the_cookie_the_constant_origin_a_browser_agent_and_exactly_one_referer() throws Exception {
        CookieStatus cookie = f.cookie(1);
        f.open(cookie, WebFixture.hello(), true);
        String conv = f.web.conversations().keySet().iterator().next();
        String base = f.server.baseUri().toString();

        List<String> referers = f.server.received().stream()
                .map(r -> {
                    assertThat(r.header("cookie"))
                            .isEqualTo("sessionKey=" + cookie.cookie().value());
                    assertThat(r.header("origin")).isEqualTo("https://api.anthropic.com/");
                    assertThat(r.header("user-agent")).contains("Chrome/");
                    List<String> all = r.headers().stream()
                            .filter(h -> h.getKey().equalsIgnoreCase("referer"))
                            .map(Map.Entry::getValue)
                            .toList();
                    assertThat(all)
                            .as("Referer headers of %s %s", r.method(), r.path())
                            .hasSize(1);
                    return all.getFirst();
                })
                .toList();
        assertThat(referers)
                .containsExactly(
                        base + "new",
                        base + "new",
                        base + "new?incognito",
                        base + "chat/" + conv,
                        base + "chat/" + conv);
    }

    @Test
    void the_completion_asks_for_an_event_stream_with_a_json_body() throws Exception {
        f.open(f.cookie(1), WebFixture.hello(), true);

        Recorded completion = f.only("POST", "/completion");
        assertThat(completion.header("accept")).isEqualTo("text/event-stream");
        assertThat(completion.header("content-type")).isEqualTo("application/json");
        JsonNode body = completion.json();
        assertThat(body.path("max_tokens_to_sample").asLong()).isEqualTo(1000);
        assertThat(body.path("timezone").asString()).isEqualTo("America/New_York");
        assertThat(body.path("prompt").asString()).isEmpty();
        assertThat(body.path("files").size()).isZero();
        assertThat(body.path("tools").size()).isZero();
    }

    @Test
    void without_preserve_chats_the_conversation_is_temporary_unnamed_and_created_incognito() throws Exception {
        f.open(f.cookie(1), WebFixture.hello(), true);

        FakeClaudeWeb.Conversation conv =
                f.web.conversations().values().iterator().next();
        assertThat(conv.temporary()).isTrue();
        assertThat(conv.name()).isEmpty();
        Recorded create = f.only("POST", "/chat_conversations");
        assertThat(create.json().path("uuid").asString()).isEqualTo(conv.uuid());
        assertThat(create.header("referer")).endsWith("/new?incognito");
    }

    @Test
    void with_preserve_chats_the_conversation_is_kept_and_named_after_the_utc_time() throws Exception {
        f.set("preserve_chats", true);

        f.open(f.cookie(1), WebFixture.hello(), true);

        FakeClaudeWeb.Conversation conv =
                f.web.conversations().values().iterator().next();
        assertThat(conv.temporary()).isFalse();
        assertThat(conv.name()).isEqualTo("ClewdR-2026-07-26 12:00:00");
        assertThat(f.only("POST", "/chat_conversations").header("referer")).endsWith("/new");
    }

    @Test
    void every_attempt_uses_a_fresh_conversation_uuid() throws Exception {
        CookieStatus cookie = f.cookie(1);
        f.open(cookie, WebFixture.hello(), true);
        f.open(cookie, WebFixture.hello(), true);

        assertThat(f.web.conversations()).hasSize(2);
        assertThat(f.server.received("/api/bootstrap")).hasSize(2); // nothing is cached per cookie
    }

    @Test
    void a_pro_account_asking_for_thinking_gets_extended_mode_and_a_thinking_block() throws Exception {
        var request = WebFixture.hello();
        request.putObject("thinking").put("type", "enabled").put("budget_tokens", 2048);

        Opened opened = f.open(f.cookie(1), request, true);

        assertThat(f.only("PUT", "")
                        .json()
                        .path("settings")
                        .path("paprika_mode")
                        .asString())
                .isEqualTo("extended");
        assertThat(WebFixture.body(opened)).contains("\"thinking_delta\"");
    }

    @Test
    void without_thinking_the_mode_is_reset_to_null() throws Exception {
        Opened opened = f.open(f.cookie(1), WebFixture.hello(), true);

        JsonNode settings = f.only("PUT", "").json().path("settings");
        assertThat(settings.has("paprika_mode")).isTrue();
        assertThat(settings.path("paprika_mode").isNull()).isTrue();
        assertThat(WebFixture.body(opened)).doesNotContain("thinking_delta");
    }

    @Test
    void a_free_account_never_gets_extended_thinking_nor_a_model() throws Exception {
        CookieStatus cookie = f.cookie(1);
        f.accounts.account(cookie.cookie().value()).free();
        var request = WebFixture.hello();
        request.putObject("thinking").put("type", "adaptive");

        Opened opened = f.open(cookie, request, true);

        assertThat(opened).isInstanceOf(Opened.Accepted.class);
        assertThat(f.only("PUT", "")
                        .json()
                        .path("settings")
                        .path("paprika_mode")
                        .isNull())
                .isTrue();
        assertThat(f.only("POST", "/completion").json().has("model")).isFalse();
    }

    @Test
    void a_pro_account_sends_the_requested_model() throws Exception {
        f.open(f.cookie(1), WebFixture.hello(), true);

        assertThat(f.only("POST", "/completion").json().path("model").asString())
                .isEqualTo("claude-sonnet-4-6");
    }

    @Test
    void a_stream_asks_for_messages_rendering_and_gets_claude_ai_events_unread() throws Exception {
        Opened opened = f.open(f.cookie(1), WebFixture.hello(), true);

        assertThat(f.only("POST", "/completion").json().path("rendering_mode").asString())
                .isEqualTo("messages");
        String body = WebFixture.body(opened);
        assertThat(body)
                .contains("event: message_start", "\"id\":\"chatcompl_", "event: content_block_delta")
                .contains("event: message_limit", "event: message_stop", "event: ping");
        assertThat(textOf(body)).isEqualTo("echo: Tell me a joke");
    }

    @Test
    void a_non_stream_request_asks_for_raw_rendering_and_gets_completion_events() throws Exception {
        Opened opened = f.open(f.cookie(1), WebFixture.hello(), false);

        assertThat(f.only("POST", "/completion").json().path("rendering_mode").asString())
                .isEqualTo("raw");
        String body = WebFixture.body(opened);
        assertThat(body).contains("event: completion").doesNotContain("message_start");
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events(body)) {
            text.append(event.path("completion").asString(""));
        }
        assertThat(text.toString()).isEqualTo("echo: Tell me a joke");
    }

    @Test
    void the_web_search_setting_offers_the_web_search_tool() throws Exception {
        f.set("web_search", true);

        f.open(f.cookie(1), WebFixture.hello(), true);

        JsonNode tools = f.only("POST", "/completion").json().path("tools");
        assertThat(tools.size()).isEqualTo(1);
        assertThat(tools.path(0).path("name").asString()).isEqualTo("web_search");
        assertThat(tools.path(0).path("type").asString()).isEqualTo("web_search_v0");
    }

    @Test
    void rproxy_replaces_the_upstream_base_for_every_call() throws Exception {
        String fakeBase = f.server.baseUri().toString();
        f.set("upstream.claude_base", "http://127.0.0.1:1/");
        f.set("rproxy", fakeBase);

        Opened opened = f.open(f.cookie(1), WebFixture.hello(), true);

        assertThat(opened).isInstanceOf(Opened.Accepted.class);
        assertThat(f.server.received()).hasSize(5);
    }

    /** The data of every event in an SSE body, as JSON. */
    static List<JsonNode> events(String body) {
        return body.lines()
                .filter(l -> l.startsWith("data: "))
                .map(l -> WebFixture.JSON.readTree(l.substring(6)))
                .toList();
    }

    /** The concatenated text deltas of a messages-mode body. */
    static String textOf(String body) {
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events(body)) {
            JsonNode delta = event.path("delta");
            if (delta.path("type").asString("").equals("text_delta")) {
                text.append(delta.path("text").asString());
            }
        }
        return text.toString();
    }
}
