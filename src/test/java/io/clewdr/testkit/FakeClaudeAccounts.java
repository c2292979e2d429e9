package io.clewdr.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The accounts behind the fake Claude host: which session cookies exist, their organization,
 * capabilities (Pro or free) and flags, and how their bootstrap answers. Serves {@code GET
 * api/bootstrap} and {@code GET api/organizations} (protocols.md §8.2) on a {@link FakeUpstream};
 * the web-chat and OAuth fakes attach to the same server and look accounts up here.
 */
public final class FakeClaudeAccounts {
    private static final JsonMapper JSON = JsonMapper.shared();

    /** One account, mutable so a test can change it between requests. */
    public static final class Account {
        /** The session cookie value (without {@code sessionKey=}). */
        public final String cookie;
        /** The organization uuid. */
        public final String orgUuid = UUID.randomUUID().toString();
        /** The e-mail address the bootstrap reports. */
        public volatile String email;
        /** The organization's capabilities; Pro unless changed. */
        public volatile List<String> capabilities = List.of("chat", "claude_pro");
        /** Active flags: type and expiry. */
        public final List<Map.Entry<String, Instant>> flags = new ArrayList<>();
        /** When set, every call with this cookie answers this reply instead (401, 302, ...). */
        public volatile @Nullable Function<Recorded, Reply> override;
        /** Whether the bootstrap reports no account at all. */
        public volatile boolean nullAccount;

        Account(String cookie) {
            this.cookie = cookie;
            this.email = "user-" + cookie.substring(cookie.length() - 8) + "@example.com";
        }

        /**
         * Makes the account a free one.
         *
         * @return this
         */
        public Account free() {
            capabilities = List.of("chat");
            return this;
        }

        /**
         * Adds an active flag.
         *
         * @param type e.g. {@code banned}, {@code restricted}, {@code first_warning}
         * @param expiresAt when it expires
         * @return this
         */
        public Account flag(String type, Instant expiresAt) {
            flags.add(Map.entry(type, expiresAt));
            return this;
        }
    }

    private final FakeUpstream server;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    private FakeClaudeAccounts(FakeUpstream server) {
        this.server = server;
    }

    /**
     * Serves bootstrap and organizations on a fake server.
     *
     * @param server the fake server
     * @return the accounts
     */
    public static FakeClaudeAccounts attach(FakeUpstream server) {
        FakeClaudeAccounts fake = new FakeClaudeAccounts(server);
        server.on("GET", "/api/bootstrap", fake::bootstrap);
        server.on("GET", "/api/organizations", fake::organizations);
        return fake;
    }

    /** @return the server */
    public FakeUpstream server() {
        return server;
    }

    /**
     * The account of a cookie, created (Pro, no flags) on first use.
     *
     * @param cookie the cookie value
     * @return the account
     */
    public Account account(String cookie) {
        return accounts.computeIfAbsent(cookie, Account::new);
    }

    /**
     * The account a request's {@code Cookie: sessionKey=...} header names, if it exists.
     *
     * @param request the request
     * @return the account or null
     */
    public @Nullable Account of(Recorded request) {
        String header = request.header("cookie");
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith("sessionKey=")) {
                return accounts.get(p.substring("sessionKey=".length()));
            }
        }
        return null;
    }

    /**
     * The reply for a request whose cookie is unknown or scripted to fail, else null.
     *
     * @param request the request
     * @return the failure reply, or null to proceed
     */
    public @Nullable Reply refusal(Recorded request) {
        Account account = of(request);
        if (account == null) {
            return error(401, "authentication_error", "Invalid authorization");
        }
        Function<Recorded, Reply> override = account.override;
        return override == null ? null : override.apply(request);
    }

    private Reply bootstrap(Recorded request) {
        Reply refused = refusal(request);
        if (refused != null) {
            return refused;
        }
        Account account = of(request);
        ObjectNode root = JSON.createObjectNode();
        if (account.nullAccount) {
            root.putNull("account");
            return Reply.json(200, root);
        }
        ObjectNode acc = root.putObject("account");
        acc.put(
                "uuid",
                UUID.nameUUIDFromBytes(account.cookie.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString());
        acc.put("email_address", account.email);
        ObjectNode membership = acc.putArray("memberships").addObject();
        membership.set("organization", organization(account));
        return Reply.json(200, root);
    }

    private Reply organizations(Recorded request) {
        Reply refused = refusal(request);
        if (refused != null) {
            return refused;
        }
        ArrayNode orgs = JSON.createArrayNode();
        orgs.add(organization(of(request)));
        return Reply.json(200, orgs);
    }

    private static ObjectNode organization(Account account) {
        ObjectNode org = JSON.createObjectNode();
        org.put("uuid", account.orgUuid);
        org.put("name", "Org of " + account.email);
        ArrayNode caps = org.putArray("capabilities");
        account.capabilities.forEach(caps::add);
        ArrayNode flags = org.putArray("active_flags");
        for (Map.Entry<String, Instant> flag : account.flags) {
            flags.addObject()
                    .put("type", flag.getKey())
                    .put("expires_at", flag.getValue().toString());
        }
        return org;
    }

    /**
     * An error in the API's shape.
     *
     * @param status the status
     * @param type the error type
     * @param message the message
     * @return the reply
     */
    public static Reply error(int status, String type, String message) {
        return FakeAnthropicApi.error(status, type, message);
    }
}
