package io.clewdr.upstream;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one outbound HTTP client every backend shares: HTTP/1.1 and HTTP/2 (by ALPN), pooled
 * connections keyed by target, proxy and profile, proxies, timeouts and streaming bodies.
 *
 * <p>It runs on the event-loop group it is given (the server's), which it never shuts down. Its
 * settings are read once per request, so a changed proxy applies to the next request; pools for a
 * proxy no longer in use are closed then.
 */
public final class UpstreamClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamClient.class);

    private final Supplier<UpstreamSettings> settings;
    private final Connector connector;
    private final ExecutorService resolver = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentHashMap<PoolKey, ConnectionPool> pools = new ConcurrentHashMap<>();
    private final AtomicReference<ProxySpec> currentProxy = new AtomicReference<>();
    private final LongSupplier nanoClock;

    private UpstreamClient(EventLoopGroup group, Supplier<UpstreamSettings> settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.connector = new Connector(group, channelClass(group), new TlsContexts(), resolver);
    }

    /**
     * Creates a client on {@code group} (epoll or NIO; shared, not owned).
     *
     * @param settings read once per request
     * @throws IllegalArgumentException if the group is neither epoll nor NIO
     */
    public static UpstreamClient create(EventLoopGroup group, Supplier<UpstreamSettings> settings) {
        // The idle timeout measures gaps between body chunks; the monotonic clock is the only one
        // that works for that, and Netty's scheduler runs on it too.
        return new UpstreamClient(
                Objects.requireNonNull(group, "group"), Objects.requireNonNull(settings, "settings"), System::nanoTime);
    }

    /**
     * Sends a request. The future completes on an event loop when the response headers arrive, or
     * fails with an {@link UpstreamException}: {@link ProxySettingException}, {@link
     * UpstreamConnectException}, {@link UpstreamTimeoutException} ({@code CONNECT} or {@code
     * FIRST_BYTE}) or {@link UpstreamProtocolException}. Cancelling the future before the headers
     * arrive drops the response when it comes. Dependent stages run on the event loop: do not block
     * in them.
     */
    public CompletableFuture<UpstreamResponse> send(UpstreamRequest request) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<UpstreamResponse> future = new CompletableFuture<>();
        UpstreamSettings now = Objects.requireNonNull(settings.get(), "settings supplier returned null");
        ProxySpec proxy;
        try {
            proxy = ProxySpec.parse(now.proxy());
        } catch (ProxySettingException e) {
            future.completeExceptionally(e);
            return future;
        }
        retireOtherProxies(proxy);
        PoolKey key =
                new PoolKey(request.secure(), request.host(), request.port(), proxy, request.profile(), now.trust());
        ConnectionPool pool =
                pools.computeIfAbsent(key, k -> new ConnectionPool(k, now.maxIdlePerKey(), now.poolIdleTimeout()));
        pool.limits(now.maxIdlePerKey(), now.poolIdleTimeout());
        Timeouts timeouts =
                request.timeouts() == null ? now.timeouts() : request.timeouts().orElse(now.timeouts());
        Exchange exchange = new Exchange(request, timeouts, future, nanoClock);
        Connection existing = pool.acquire();
        if (existing != null) {
            existing.send(exchange, () -> connectAndSend(pool, now, exchange));
        } else {
            connectAndSend(pool, now, exchange);
        }
        return future;
    }

    private void connectAndSend(ConnectionPool pool, UpstreamSettings now, Exchange exchange) {
        connector
                .connect(pool, exchange.timeouts.connect(), now.poolIdleTimeout())
                .whenComplete((connection, error) -> {
                    if (error != null) {
                        exchange.fail(error);
                    } else {
                        connection.send(
                                exchange,
                                () -> exchange.fail(new UpstreamConnectException(
                                        "connection to " + pool.key() + " closed before any response", null)));
                    }
                });
    }

    /** Closes the pools of proxies other than {@code proxy} when the setting changed. */
    private void retireOtherProxies(ProxySpec proxy) {
        ProxySpec previous = currentProxy.getAndSet(proxy);
        if (Objects.equals(previous, proxy)) {
            return;
        }
        LOG.info("upstream proxy is now {}", proxy == null ? "none" : proxy);
        pools.values().removeIf(pool -> {
            if (Objects.equals(pool.key().proxy(), proxy)) {
                return false;
            }
            pool.close();
            return true;
        });
    }

    /**
     * Checks a proxy URL the way {@link #send} will read it, for validating settings before they are
     * saved.
     *
     * @return the problem (with any password masked), or empty if the URL is usable or blank
     */
    public static Optional<String> checkProxy(String proxy) {
        try {
            ProxySpec.parse(proxy);
            return Optional.empty();
        } catch (ProxySettingException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** How many connection pools are open; for tests and metrics. */
    int poolCount() {
        return pools.size();
    }

    /** Closes every pooled connection and stops resolving; the event-loop group stays up. */
    @Override
    public void close() {
        pools.values().forEach(ConnectionPool::close);
        pools.clear();
        resolver.shutdown();
    }

    /** The socket channel class that matches the group's I/O type. */
    static Class<? extends Channel> channelClass(EventLoopGroup group) {
        if (group instanceof IoEventLoopGroup io) {
            // Epoll classes are a runtime-scoped dependency (Linux only), so they are looked up by name.
            Class<? extends IoHandler> epoll = load("io.netty.channel.epoll.EpollIoHandler", IoHandler.class);
            if (epoll != null && io.isIoType(epoll)) {
                Class<? extends Channel> channel = load("io.netty.channel.epoll.EpollSocketChannel", Channel.class);
                if (channel != null) {
                    return channel;
                }
            }
            if (io.isIoType(NioIoHandler.class)) {
                return NioSocketChannel.class;
            }
        }
        throw new IllegalArgumentException(
                "group: " + group.getClass().getName() + " (expected: an epoll or NIO event-loop group)");
    }

    private static <T> Class<? extends T> load(String name, Class<T> type) {
        try {
            return Class.forName(name, false, UpstreamClient.class.getClassLoader())
                    .asSubclass(type);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
