package io.clewdr.provider.claudecode;

import io.clewdr.config.Settings;
import io.clewdr.credential.ClewdrCookie;
import io.clewdr.credential.CookiePool;
import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.PoolSnapshot;
import io.clewdr.provider.Opened;
import io.clewdr.testkit.FakeAnthropicApi;
import io.clewdr.testkit.FakeAnthropicOAuth;
import io.clewdr.testkit.FakeClaudeAccounts;
import io.clewdr.testkit.FakeUpstream;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One backend wired to the fakes: a fake Claude host that also plays the OAuth and Messages APIs,
 * a pool of the given cookies, a clock the test moves, and a background executor the test drains.
 */
final class CodeFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-07-26T12:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final FakeUpstream server = new FakeUpstream();
    final FakeClaudeAccounts accounts = FakeClaudeAccounts.attach(server);
    final FakeAnthropicApi api = FakeAnthropicApi.attach(server);
    final FakeAnthropicOAuth oauth = FakeAnthropicOAuth.attach(accounts, api, clock);
    final AtomicReference<Settings> settings =
            new AtomicReference<>(Settings.defaults().withUpstream(oauth.upstream()));
    final ManualExecutor background = new ManualExecutor();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final UpstreamClient http = UpstreamClient.create(
            group,
            () -> UpstreamSettings.defaults()
                    .withTimeouts(Timeouts.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10))));
    final CookiePool pool;
    final ClaudeCodeBackend backend;

    CodeFixture(CookieStatus... cookies) {
        pool = CookiePool.create(clock, snapshot -> {}, new PoolSnapshot(List.of(cookies), List.of()));
        backend = ClaudeCodeBackend.create(http, pool, settings::get, clock, background, "");
    }

    /** A well-formed cookie value, distinct per {@code n}. */
    static ClewdrCookie cookie(int n) {
        String tag = String.format("%06d", n);
        return ClewdrCookie.from("sk-ant-sid01-" + tag + "x".repeat(80) + "-abcdefAA");
    }

    /** The fake account behind a cookie. */
    FakeClaudeAccounts.Account account(ClewdrCookie cookie) {
        return accounts.account(cookie.value());
    }

    /** The pool's current record of a cookie (any state but retired). */
    CookieStatus current(ClewdrCookie cookie) {
        AtomicReference<CookieStatus> seen = new AtomicReference<>();
        pool.update(cookie, s -> {
            seen.set(s);
            return s;
        });
        return Optional.ofNullable(seen.get()).orElseThrow(() -> new AssertionError("cookie not live: " + cookie));
    }

    /** A plain Messages request body. */
    static byte[] request(String text, boolean stream) {
        return ("{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":64,\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Calls Messages for the cookie's current record, non-streaming, no client betas. */
    Opened messages(ClewdrCookie cookie) throws InterruptedException {
        return backend.messages(current(cookie), request("hello", false), List.of(), false);
    }

    /** The body of an accepted response, read whole. */
    static String body(Opened opened) throws Exception {
        if (!(opened instanceof Opened.Accepted(var response))) {
            throw new AssertionError("expected an accepted call, got " + opened);
        }
        return new String(response.aggregate(1 << 20).get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A clock that only moves when told to. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Holds submitted tasks until the test runs them. */
    static final class ManualExecutor implements Executor {
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        int pending() {
            return tasks.size();
        }

        /** Runs every queued task (and those they queue) on the calling thread. */
        void runAll() {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }
    }
}
