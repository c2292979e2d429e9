package io.clewdr.provider.claudeweb;

import io.clewdr.config.Settings;
import io.clewdr.credential.ClewdrCookie;
import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.UsageProbe;
import io.clewdr.provider.Opened;
import io.clewdr.upstream.UpstreamClient;
import io.clewdr.upstream.UpstreamRequest;
import io.clewdr.upstream.UpstreamResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Claude.ai web backend: one attempt with one cookie is the call sequence of
 * clewdr-behaviour.md §5.15 — bootstrap, organizations, create a conversation, set its thinking
 * mode, upload the inline images, then the completion, whose streamed body the relay reads.
 *
 * <p>Nothing is cached per cookie: both bootstrap calls run on every attempt, as in the original.
 * Methods block the calling thread on the upstream client's futures, so call them on a virtual
 * thread, never on an event loop.
 */
public final class ClaudeWebBackend {

    private static final Logger LOG = LoggerFactory.getLogger(ClaudeWebBackend.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final DateTimeFormatter CHAT_NAME =
            DateTimeFormatter.ofPattern("'ClewdR-'uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** Where the request gives no {@code max_tokens} (the Messages API requires one; be lenient). */
    private static final long DEFAULT_MAX_TOKENS = 8192;

    private final UpstreamClient http;
    private final Supplier<Settings> settings;
    private final Clock clock;
    /** What each cookie's last bootstrap said of its account, so only a change is logged at info level. */
    private final Map<ClewdrCookie, String> accounts = new ConcurrentHashMap<>();

    /** The account facts one attempt needs after the bootstrap. */
    private record Session(String orgUuid, boolean pro) {}

    private ClaudeWebBackend(UpstreamClient http, Supplier<Settings> settings, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Creates the backend.
     *
     * @param http the shared upstream client
     * @param settings read once per call, so a changed {@code rproxy} or skip flag applies to the next
     * @param clock for conversation names, flag expiry and the default rate-limit park
     * @return the backend
     */
    public static ClaudeWebBackend create(UpstreamClient http, Supplier<Settings> settings, Clock clock) {
        return new ClaudeWebBackend(
                Objects.requireNonNull(http, "http"),
                Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Runs one attempt with {@code cookie}.
     *
     * @param cookie the leased cookie
     * @param request an Anthropic Messages body after the model rules
     * @param stream whether the client asked for a stream ({@code messages} rendering, else {@code raw})
     * @return the completion response with its body unread, or the failure: what the pool learns and
     *     what the client is told
     * @throws EmptyRequestException when no message has any text (before any upstream call)
     * @throws InterruptedException when the thread is interrupted while waiting (the pending call is
     *     cancelled)
     */
    public Opened open(CookieStatus cookie, ObjectNode request, boolean stream) throws InterruptedException {
        Settings now = settings.get();
        PromptFlattener.Prompt prompt = PromptFlattener.flatten(
                request, new PromptFlattener.Options(now.customH(), now.customA(), now.useRealRoles()));
        WebCalls calls = WebCalls.of(http, now.effectiveClaudeBase(), cookie.cookie(), clock);
        try {
            Session session = bootstrap(calls, now, cookie, true);
            String conversation = createConversation(calls, session, !now.preserveChats());
            setThinking(calls, session, conversation, session.pro() && wantsThinking(request));
            List<String> files = upload(calls, session, conversation, prompt.images());
            WebCompletionBody body = new WebCompletionBody(
                    request.path("max_tokens").asLong(DEFAULT_MAX_TOKENS),
                    prompt.text(),
                    files,
                    request.path("model").isString() ? request.path("model").stringValue() : null,
                    session.pro(),
                    stream,
                    now.customPrompt(),
                    now.webSearch());
            UpstreamRequest completion = WebCalls.withJson(
                    calls.request(
                            "POST",
                            conversationPath(session, conversation) + "/completion",
                            calls.refererChat(conversation),
                            "text/event-stream"),
                    body.json());
            UpstreamResponse response = calls.send(completion);
            LOG.debug("Completion accepted for cookie {}", cookie.cookie().masked());
            return new Opened.Accepted(response);
        } catch (Halt halt) {
            LOG.info(
                    "Claude.ai refused cookie {}: {} ({})",
                    cookie.cookie().masked(),
                    halt.failed().outcome(),
                    halt.failed().error().message());
            return halt.failed();
        }
    }

    /**
     * The web usage fallback of the cookie listing (clewdr-behaviour.md §9.2): the two bootstrap
     * calls, then {@code GET api/organizations/{org}/usage}, which has the OAuth usage API's shape.
     * The skip settings do not apply: a flagged account still shows its usage.
     *
     * @param cookie the cookie
     * @return the usage, or empty when any call fails (the pool is not changed)
     * @throws InterruptedException when interrupted while waiting
     */
    public Optional<UsageProbe> usage(CookieStatus cookie) throws InterruptedException {
        Settings now = settings.get();
        WebCalls calls = WebCalls.of(http, now.effectiveClaudeBase(), cookie.cookie(), clock);
        try {
            Session session = bootstrap(calls, now, cookie, false);
            JsonNode usage = calls.json(calls.request(
                    "GET",
                    "api/organizations/" + session.orgUuid() + "/usage",
                    calls.refererNew(),
                    "application/json"));
            if (!usage.isObject()) {
                return Optional.empty();
            }
            return Optional.of(UsageProbe.fromJson(usage));
        } catch (Halt halt) {
            LOG.debug(
                    "Web usage of cookie {} unavailable: {}",
                    cookie.cookie().masked(),
                    halt.failed().error().message());
            return Optional.empty();
        }
    }

    /** §5.4-5.5: the account, its organization and, when {@code enforce}, the skip settings. */
    private Session bootstrap(WebCalls calls, Settings now, CookieStatus cookie, boolean enforce)
            throws Halt, InterruptedException {
        JsonNode boot = calls.json(calls.request("GET", "api/bootstrap", calls.refererNew(), "application/json"));
        WebAccount.Membership membership = WebAccount.membership(boot);
        String account = (membership.pro() ? "Pro" : "free") + " account, capabilities " + membership.capabilities();
        // Every web request bootstraps: say it at info level only when a cookie's account changed.
        if (!account.equals(accounts.put(cookie.cookie(), account))) {
            LOG.info("Cookie {}: {}", cookie.cookie().masked(), account);
        } else {
            LOG.debug("Cookie {}: {}", cookie.cookie().masked(), account);
        }
        LOG.debug("Cookie {} belongs to {}", cookie.cookie().masked(), membership.email());
        if (enforce) {
            WebAccount.checkPlan(membership, now);
        }
        JsonNode orgs = calls.json(calls.request("GET", "api/organizations", calls.refererNew(), "application/json"));
        WebAccount.Organization org = WebAccount.organization(orgs, clock.instant());
        if (!org.uuid().matches("[A-Za-z0-9-]+")) {
            throw new Halt(Rejections.unexpected("Claude.ai gave an organization id that is not a uuid"));
        }
        if (enforce) {
            WebAccount.checkFlags(org, now, clock.instant());
        }
        return new Session(org.uuid(), membership.pro());
    }

    /** §5.6: a new conversation with a client-made uuid, temporary unless chats are preserved. */
    private String createConversation(WebCalls calls, Session session, boolean temporary)
            throws Halt, InterruptedException {
        String uuid = UUID.randomUUID().toString();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("uuid", uuid);
        body.put("name", temporary ? "" : CHAT_NAME.format(clock.instant()));
        body.put("is_temporary", temporary);
        UpstreamRequest create = WebCalls.withJson(
                calls.request(
                        "POST",
                        "api/organizations/" + session.orgUuid() + "/chat_conversations",
                        temporary ? calls.refererIncognito() : calls.refererNew(),
                        "application/json"),
                body);
        UpstreamResponse response = calls.send(create);
        WebCalls.await(response.aggregate(WebCalls.MAX_JSON)); // read so the connection is reused
        return uuid;
    }

    /** §5.7: extended thinking on or off; whatever happens is ignored, as in the original. */
    private static void setThinking(WebCalls calls, Session session, String conversation, boolean extended)
            throws InterruptedException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode config = body.putObject("settings");
        if (extended) {
            config.put("paprika_mode", "extended");
        } else {
            config.putNull("paprika_mode");
        }
        try {
            UpstreamResponse response = calls.send(WebCalls.withJson(
                    calls.request(
                            "PUT",
                            conversationPath(session, conversation),
                            calls.refererChat(conversation),
                            "application/json"),
                    body));
            WebCalls.await(response.aggregate(WebCalls.MAX_JSON));
        } catch (Halt halt) {
            LOG.debug(
                    "Ignoring the failed thinking setting: {}",
                    halt.failed().error().message());
        }
    }

    /** §5.9: every decodable image uploaded at once; failed uploads are skipped. */
    private static List<String> upload(
            WebCalls calls, Session session, String conversation, List<PromptFlattener.Image> images)
            throws InterruptedException {
        List<UpstreamRequest> requests = new ArrayList<>();
        for (PromptFlattener.Image image : images) {
            Optional<ImageUpload> upload = ImageUpload.from(image);
            if (upload.isEmpty()) {
                LOG.warn("Skipping an image whose base64 does not decode");
                continue;
            }
            String boundary = ImageUpload.boundary();
            requests.add(calls.request(
                            "POST",
                            "api/" + session.orgUuid() + "/upload",
                            calls.refererChat(conversation),
                            "application/json")
                    .withHeader("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .withBody(upload.get().multipart(boundary)));
        }
        List<CompletableFuture<UpstreamResponse>> pending = calls.sendAll(requests);
        List<String> files = new ArrayList<>();
        try {
            for (CompletableFuture<UpstreamResponse> future : pending) {
                fileUuid(future).ifPresent(files::add);
            }
        } finally {
            pending.forEach(f -> f.cancel(true)); // no-op for the settled ones
        }
        return files;
    }

    private static Optional<String> fileUuid(CompletableFuture<UpstreamResponse> future) throws InterruptedException {
        try {
            UpstreamResponse response = WebCalls.await(future);
            byte[] body = WebCalls.await(response.aggregate(WebCalls.MAX_JSON));
            if (response.status() / 100 != 2) {
                LOG.warn("Skipping an image: the upload answered HTTP {}", response.status());
                return Optional.empty();
            }
            JsonNode uuid = JSON.readTree(body).path("file_uuid");
            if (!uuid.isString() || uuid.stringValue().isEmpty()) {
                LOG.warn("Skipping an image: the upload answer has no file_uuid");
                return Optional.empty();
            }
            return Optional.of(uuid.stringValue());
        } catch (Halt halt) {
            LOG.warn("Skipping an image: {}", halt.failed().error().message());
            return Optional.empty();
        } catch (JacksonException e) {
            LOG.warn("Skipping an image: the upload answer is not JSON");
            return Optional.empty();
        }
    }

    private static String conversationPath(Session session, String conversation) {
        return "api/organizations/" + session.orgUuid() + "/chat_conversations/" + conversation;
    }

    /**
     * Whether the request asks for thinking. The original checks only that {@code thinking} is
     * present; an explicit {@code {"type":"disabled"}} is read here as "no" (a deliberate fix).
     */
    static boolean wantsThinking(JsonNode request) {
        JsonNode thinking = request.path("thinking");
        return thinking.isObject() && !"disabled".equals(thinking.path("type").asString(""));
    }
}
