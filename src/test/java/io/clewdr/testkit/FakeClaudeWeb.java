package io.clewdr.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A faithful fake of the Claude.ai web chat endpoints (clewdr-behaviour.md §5, protocols.md §8) on a
 * {@link FakeUpstream}, next to the accounts of {@link FakeClaudeAccounts}: conversation create,
 * settings, upload, completion and usage. Every call checks the session cookie and that the
 * organization (and conversation) in the path belong to it.
 *
 * <p>The default completion echoes the prompt: {@code "echo: "} + the last {@code Human:} turn of the
 * {@code paste.txt} attachment (the whole paste when there is none), streamed in the mode the body
 * asks for, after a thinking block when the conversation's {@code paprika_mode} is extended. Each
 * cookie's {@link Script} changes that.
 */
public final class FakeClaudeWeb {
    private static final JsonMapper JSON = JsonMapper.shared();

    /** How the completion answers for one cookie; fields are set by tests. */
    public static final class Script {
        /** Replaces the completion answer (429, 500 ...); the other endpoints still work. */
        public volatile @Nullable Function<Recorded, Reply> completion;
        /** A fixed answer text instead of the echo. */
        public volatile @Nullable String replyText;
        /** Answer with an {@code overloaded_error} event as the first event. */
        public volatile boolean overloadedFirst;
        /** Cut the stream after this many text pieces, before {@code message_stop}; -1 for never. */
        public volatile int cutAfter = -1;
        /** A pause after the headers, before the first event. */
        public volatile Duration firstEventDelay = Duration.ZERO;
        /** The {@code GET api/organizations/{org}/usage} answer; null for the default. */
        public volatile @Nullable JsonNode usage;
    }

    /**
     * A conversation the fake holds.
     *
     * @param uuid its uuid (chosen by the client)
     * @param orgUuid its organization
     * @param name the name sent at creation
     * @param temporary the {@code is_temporary} sent at creation
     * @param settings the last settings PUT ({@code {"paprika_mode":...}}), or null
     */
    public record Conversation(
            String uuid,
            String orgUuid,
            String name,
            boolean temporary,
            @Nullable JsonNode settings) {
        /** @return whether extended thinking is on */
        public boolean extended() {
            return settings != null
                    && "extended".equals(settings.path("paprika_mode").asString(""));
        }
    }

    /**
     * One uploaded file.
     *
     * @param orgUuid the organization in the path
     * @param partName the multipart part name
     * @param fileName the part's file name
     * @param contentType the part's content type
     * @param bytes the file content
     * @param fileUuid the uuid answered
     */
    public record Upload(
            String orgUuid, String partName, String fileName, String contentType, byte[] bytes, String fileUuid) {}

    private final FakeClaudeAccounts accounts;
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private final List<JsonNode> completions = new CopyOnWriteArrayList<>();

    private FakeClaudeWeb(FakeClaudeAccounts accounts) {
        this.accounts = accounts;
    }

    /**
     * Serves the chat endpoints on {@code server}, for the accounts of {@code accounts}.
     *
     * @param server the fake server (the one {@code accounts} is attached to)
     * @param accounts the accounts
     * @return the fake
     */
    public static FakeClaudeWeb attach(FakeUpstream server, FakeClaudeAccounts accounts) {
        FakeClaudeWeb web = new FakeClaudeWeb(accounts);
        server.onPrefix("POST", "/api/", web::post);
        server.onPrefix("PUT", "/api/organizations/", web::put);
        server.onPrefix("GET", "/api/organizations/", web::get);
        server.onPrefix("DELETE", "/api/organizations/", web::delete);
        return web;
    }

    /**
     * The script of a cookie, created (echo, no faults) on first use.
     *
     * @param cookie the cookie value
     * @return the script
     */
    public Script script(String cookie) {
        return scripts.computeIfAbsent(cookie, c -> new Script());
    }

    /** @return the conversations created so far, by uuid */
    public Map<String, Conversation> conversations() {
        return Map.copyOf(conversations);
    }

    /** @return the uploads so far, in order */
    public List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    /** @return the completion bodies received so far, in order */
    public List<JsonNode> completions() {
        return List.copyOf(completions);
    }

    /**
     * The paste text of a completion body.
     *
     * @param completion the body
     * @return its {@code attachments[0].extracted_content}
     */
    public static String paste(JsonNode completion) {
        return completion.path("attachments").path(0).path("extracted_content").asString("");
    }

    private Reply post(Recorded request) {
        String[] p = segments(request);
        if (p.length == 3 && p[2].equals("upload")) {
            return guarded(request, p[1], null, () -> upload(request, p[1]));
        }
        if (p.length == 4 && p[1].equals("organizations") && p[3].equals("chat_conversations")) {
            return guarded(request, p[2], null, () -> create(request, p[2]));
        }
        if (p.length == 6 && p[1].equals("organizations") && p[5].equals("completion")) {
            return guarded(request, p[2], p[4], () -> completion(request, p[4]));
        }
        return notFound(request);
    }

    private Reply put(Recorded request) {
        String[] p = segments(request);
        if (p.length != 5 || !p[3].equals("chat_conversations")) {
            return notFound(request);
        }
        return guarded(request, p[2], p[4], () -> {
            JsonNode settings = request.json().path("settings");
            if (!settings.isObject()) {
                return FakeClaudeAccounts.error(400, "invalid_request_error", "settings: required");
            }
            Conversation c = conversations.get(p[4]);
            conversations.put(p[4], new Conversation(c.uuid(), c.orgUuid(), c.name(), c.temporary(), settings));
            return Reply.json(200, JSON.createObjectNode().put("uuid", c.uuid()));
        });
    }

    private Reply get(Recorded request) {
        String[] p = segments(request);
        if (p.length == 4 && p[3].equals("usage")) {
            return guarded(request, p[2], null, () -> {
                JsonNode usage = script(accounts.of(request).cookie).usage;
                return Reply.json(200, usage != null ? usage : defaultUsage());
            });
        }
        return notFound(request);
    }

    private Reply delete(Recorded request) {
        String[] p = segments(request);
        if (p.length != 5 || !p[3].equals("chat_conversations")) {
            return notFound(request);
        }
        return guarded(request, p[2], p[4], () -> {
            conversations.remove(p[4]);
            return Reply.text(204, "text/plain", "");
        });
    }

    /** Checks the cookie (and its scripted refusal), the organization, and the conversation if any. */
    private Reply guarded(
            Recorded request, String org, @Nullable String conversation, java.util.function.Supplier<Reply> then) {
        Reply refused = accounts.refusal(request);
        if (refused != null) {
            return refused;
        }
        if (!accounts.of(request).orgUuid.equals(org)) {
            return FakeClaudeAccounts.error(403, "permission_error", "Invalid authorization");
        }
        if (conversation != null) {
            Conversation c = conversations.get(conversation);
            if (c == null || !c.orgUuid().equals(org)) {
                return FakeClaudeAccounts.error(404, "not_found_error", "Conversation not found");
            }
        }
        return then.get();
    }

    private Reply create(Recorded request, String org) {
        JsonNode body = request.json();
        String uuid = body.path("uuid").asString("");
        try {
            UUID.fromString(uuid);
        } catch (IllegalArgumentException e) {
            return FakeClaudeAccounts.error(400, "invalid_request_error", "uuid: not a uuid");
        }
        if (conversations.containsKey(uuid)) {
            return FakeClaudeAccounts.error(409, "invalid_request_error", "Conversation already exists");
        }
        boolean temporary = body.path("is_temporary").asBoolean(false);
        conversations.put(uuid, new Conversation(uuid, org, body.path("name").asString(""), temporary, null));
        ObjectNode answer = JSON.createObjectNode()
                .put("uuid", uuid)
                .put("name", body.path("name").asString(""));
        answer.put("is_temporary", temporary);
        answer.putObject("settings").putNull("paprika_mode");
        return Reply.json(201, answer);
    }

    private Reply upload(Recorded request, String org) {
        String type = request.header("content-type");
        int at = type == null ? -1 : type.indexOf("boundary=");
        if (at < 0) {
            return FakeClaudeAccounts.error(400, "invalid_request_error", "expected multipart/form-data");
        }
        String boundary = type.substring(at + "boundary=".length()).replace("\"", "");
        Upload upload = FakeMultipart.single(request.body(), boundary, org);
        if (upload == null || !upload.partName().equals("file")) {
            return FakeClaudeAccounts.error(400, "invalid_request_error", "expected one part named file");
        }
        uploads.add(upload);
        return Reply.json(200, JSON.createObjectNode().put("file_uuid", upload.fileUuid()));
    }

    private Reply completion(Recorded request, String conversation) {
        JsonNode body = request.json();
        completions.add(body);
        Script script = script(accounts.of(request).cookie);
        Function<Recorded, Reply> scripted = script.completion;
        if (scripted != null) {
            return scripted.apply(request);
        }
        if (script.overloadedFirst) {
            return FakeWebStreams.overloaded();
        }
        String text = script.replyText != null ? script.replyText : "echo: " + lastHumanTurn(paste(body));
        FakeWebStreams.Shape shape = new FakeWebStreams.Shape(
                body.path("model").asString(""),
                conversations.get(conversation).extended() ? "Let me think about that." : null,
                text,
                script.cutAfter,
                script.firstEventDelay);
        return "raw".equals(body.path("rendering_mode").asString(""))
                ? FakeWebStreams.raw(shape)
                : FakeWebStreams.messages(shape);
    }

    /** The text of the last {@code Human:} turn (up to the next {@code Assistant:} turn), else all. */
    static String lastHumanTurn(String paste) {
        int plain = paste.lastIndexOf("\n\nHuman: ");
        int real = paste.lastIndexOf("\n\n\bHuman: ");
        if (plain < 0 && real < 0) {
            return paste;
        }
        int start = real > plain ? real + "\n\n\bHuman: ".length() : plain + "\n\nHuman: ".length();
        String rest = paste.substring(start);
        int end = rest.length();
        for (String next : List.of("\n\nAssistant: ", "\n\n\bAssistant: ")) {
            int i = rest.indexOf(next);
            end = i >= 0 ? Math.min(end, i) : end;
        }
        return rest.substring(0, end);
    }

    private static ObjectNode defaultUsage() {
        ObjectNode usage = JSON.createObjectNode();
        usage.putObject("five_hour").put("utilization", 12.0).put("resets_at", "2026-01-01T05:00:00+00:00");
        usage.putObject("seven_day").put("utilization", 3.0).put("resets_at", "2026-01-07T00:00:00+00:00");
        usage.putNull("seven_day_sonnet");
        return usage;
    }

    private static String[] segments(Recorded request) {
        return request.path().substring(1).split("/");
    }

    private static Reply notFound(Recorded request) {
        return FakeClaudeAccounts.error(
                404, "not_found_error", "fake: no route " + request.method() + " " + request.path());
    }

    /**
     * A 429 whose {@code error.message} is JSON text holding {@code resetsAt}, as Claude.ai sends it.
     *
     * @param resetsAt epoch seconds
     * @return the reply
     */
    public static Reply rateLimited(long resetsAt) {
        return FakeClaudeAccounts.error(
                429,
                "rate_limit_error",
                "{\"type\":\"exceeded_limit\",\"resetsAt\":" + resetsAt
                        + ",\"remaining\":null,\"perModelLimit\":false,\"representativeClaim\":\"five_hour\"}");
    }

    /** @return a 400 for a disabled organization */
    public static Reply disabled() {
        return FakeClaudeAccounts.error(400, "invalid_request_error", "This organization has been disabled.");
    }

    /** @return a 401 for a cookie that is no longer valid */
    public static Reply unauthorized() {
        return FakeClaudeAccounts.error(401, "authentication_error", "Invalid authorization");
    }

    /** @return a Cloudflare-style 302 to a challenge page */
    public static Reply blocked() {
        return Reply.text(302, "text/html", "<html>Redirecting</html>").header("location", "https://claude.ai/login");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
