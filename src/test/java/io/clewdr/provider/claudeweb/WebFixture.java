package io.clewdr.provider.claudeweb;

import io.clewdr.config.Settings;
import io.clewdr.credential.ClewdrCookie;
import io.clewdr.credential.CookieStatus;
import io.clewdr.provider.Opened;
import io.clewdr.testkit.FakeClaudeAccounts;
import io.clewdr.testkit.FakeClaudeWeb;
import io.clewdr.testkit.FakeUpstream;
import io.clewdr.testkit.Recorded;
import io.clewdr.upstream.Timeouts;
import io.clewdr.upstream.UpstreamClient;
import io.clewdr.upstream.UpstreamSettings;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** One fake Claude host, a real upstream client and the backend under test, for one test. */
final class WebFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-07-26T12:00:00Z");
    static final JsonMapper JSON = JsonMapper.shared();

    final FakeUpstream server = new FakeUpstream();
    final FakeClaudeAccounts accounts = FakeClaudeAccounts.attach(server);
    final FakeClaudeWeb web = FakeClaudeWeb.attach(server, accounts);
    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final UpstreamClient client = UpstreamClient.create(
            group,
            () -> UpstreamSettings.defaults()
                    .withTimeouts(Timeouts.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5))));
    final AtomicReference<Settings> settings = new AtomicReference<>(Settings.defaults()
            .with(Map.of("upstream.claude_base", server.baseUri().toString())));
    final ClaudeWebBackend backend = ClaudeWebBackend.create(client, settings::get, Clock.fixed(T0, ZoneOffset.UTC));

    /** A well-formed cookie value, distinct per {@code n}. */
    static String cookieValue(int n) {
        String middle = ("c" + n + "x").repeat(40).substring(0, 86);
        return "sk-ant-sid01-" + middle + "-abcdefAA";
    }

    /** The pool record of cookie {@code n}, whose fake account exists (Pro, no flags). */
    CookieStatus cookie(int n) {
        accounts.account(cookieValue(n));
        return CookieStatus.of(ClewdrCookie.from(cookieValue(n)));
    }

    /** Changes settings by file key. */
    void set(String key, Object value) {
        Map<String, Object> change = new HashMap<>();
        change.put(key, value);
        settings.updateAndGet(s -> s.with(change));
    }

    static ObjectNode request(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    /** A plain request: one user turn after a system text. */
    static ObjectNode hello() {
        return request("{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":1000,\"system\":\"Be brief.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a joke\"}]}");
    }

    Opened open(CookieStatus cookie, ObjectNode request, boolean stream) throws InterruptedException {
        return backend.open(cookie, request, stream);
    }

    /** Reads an accepted body to its end. */
    static String body(Opened opened) throws Exception {
        Opened.Accepted accepted = (Opened.Accepted) opened;
        return new String(accepted.response().aggregate(1 << 20).get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    }

    /** Method and path of every request received, in order. */
    List<String> calls() {
        return server.received().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    /** The one request whose method and path match, failing if there is not exactly one. */
    Recorded only(String method, String pathSuffix) {
        List<Recorded> matching = server.received().stream()
                .filter(r -> r.method().equals(method) && r.path().endsWith(pathSuffix))
                .toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " requests " + method + " *" + pathSuffix + " in " + calls());
        }
        return matching.getFirst();
    }

    @Override
    public void close() {
        client.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        server.close();
    }
}
