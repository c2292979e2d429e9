package io.clewdr.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.proxy.ProxyConnectException;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a ready connection for a pool key, in stages under one connect deadline: resolve (off the
 * event loop), TCP, proxy tunnel (TLS to an {@code https://} proxy first), TLS to the target, then
 * HTTP/2 or HTTP/1.1 as ALPN chose.
 *
 * <p>An {@code http://} proxy is always used through CONNECT, for plain-http targets too: one code
 * path, and the request bytes (header order and case) reach the target exactly as written. Target
 * host names are resolved by the proxy (SOCKS5 sends the name; CONNECT names it).
 */
final class Connector {

    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);
    private static final String SETUP = "setup-errors";

    private final EventLoopGroup group;
    private final Class<? extends Channel> channelClass;
    private final TlsContexts tls;
    private final Executor resolver;

    Connector(EventLoopGroup group, Class<? extends Channel> channelClass, TlsContexts tls, Executor resolver) {
        this.group = group;
        this.channelClass = channelClass;
        this.tls = tls;
        this.resolver = resolver;
    }

    /** Connects for {@code pool}'s key; the connection is registered with the pool when ready. */
    CompletableFuture<Connection> connect(ConnectionPool pool, Duration timeout, Duration poolIdleTimeout) {
        PoolKey key = pool.key();
        EventLoop loop = group.next();
        CompletableFuture<Connection> result = new CompletableFuture<>();
        AtomicReference<Channel> channel = new AtomicReference<>();
        var deadline = loop.schedule(
                () -> {
                    if (result.completeExceptionally(new UpstreamTimeoutException(
                            UpstreamTimeoutException.Kind.CONNECT, timeout, key.toString()))) {
                        close(channel.get());
                    }
                },
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
        result.whenComplete((c, e) -> deadline.cancel(false));

        ProxySpec proxy = key.proxy();
        String host = proxy == null ? key.host() : proxy.host();
        int port = proxy == null ? key.port() : proxy.port();
        resolve(host).whenComplete((address, error) -> {
            if (error != null) {
                result.completeExceptionally(new UpstreamConnectException(
                        "cannot resolve " + host + (proxy == null ? "" : " (proxy " + proxy + ")"), error));
                return;
            }
            loop.execute(() ->
                    dial(loop, pool, new InetSocketAddress(address, port), timeout, poolIdleTimeout, result, channel));
        });
        return result;
    }

    private CompletableFuture<InetAddress> resolve(String host) {
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal != null) {
            try {
                return CompletableFuture.completedFuture(InetAddress.getByAddress(host, literal));
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        // The JDK resolver blocks; keep it off the event loop.
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return InetAddress.getByName(host);
                    } catch (UnknownHostException e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                },
                resolver);
    }

    private void dial(
            EventLoop loop,
            ConnectionPool pool,
            InetSocketAddress resolved,
            Duration timeout,
            Duration poolIdleTimeout,
            CompletableFuture<Connection> result,
            AtomicReference<Channel> channelRef) {
        if (result.isDone()) {
            return; // timed out while resolving
        }
        PoolKey key = pool.key();
        ProxySpec proxy = key.proxy();
        ProxyHandler proxyHandler = proxy == null ? null : proxy.newHandler(resolved);
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelClass)
                .resolver(NoopAddressResolverGroup.INSTANCE)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (proxy != null && proxy.scheme() == ProxySpec.Scheme.HTTPS) {
                            SSLEngine engine =
                                    tls.forProxy(key.trust()).newEngine(ch.alloc(), proxy.host(), proxy.port());
                            SslHandler proxyTls = new SslHandler(engine);
                            proxyTls.setHandshakeTimeoutMillis(0); // the connect deadline covers it
                            ch.pipeline().addLast("proxy-tls", proxyTls);
                        }
                        if (proxyHandler != null) {
                            ch.pipeline().addLast("proxy", proxyHandler);
                        }
                        // Setup errors also fail the futures below; stop them at the pipeline's end.
                        ch.pipeline().addLast(SETUP, new ChannelInboundHandlerAdapter() {
                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                LOG.debug("setting up {} failed", key, cause);
                                fail(result, ctx.channel(), key, cause, timeout);
                            }
                        });
                    }
                });
        // Through a proxy the target stays unresolved: the proxy handler connects to the proxy
        // and names the target in its handshake.
        SocketAddress target = proxy == null ? resolved : InetSocketAddress.createUnresolved(key.host(), key.port());
        ChannelFuture connected = bootstrap.connect(target);
        Channel ch = connected.channel();
        channelRef.set(ch);
        if (result.isDone()) {
            close(ch);
            return;
        }
        connected.addListener(f -> {
            if (f.isSuccess()) {
                // Only once connected: a refused connect also closes, and its cause says more.
                // Every connection closes some day; only one closing before setup ended is an error,
                // so the exception (and its stack trace) is made only then.
                ch.closeFuture().addListener(cf -> {
                    if (!result.isDone()) {
                        result.completeExceptionally(
                                new UpstreamConnectException("connection to " + key + " closed during setup", null));
                    }
                });
            }
            if (!f.isSuccess()) {
                fail(result, ch, key, f.cause(), timeout);
            } else if (proxyHandler != null) {
                proxyHandler.connectFuture().addListener(pf -> {
                    if (pf.isSuccess()) {
                        secure(pool, ch, timeout, poolIdleTimeout, result);
                    } else {
                        fail(result, ch, key, pf.cause(), timeout);
                    }
                });
            } else {
                secure(pool, ch, timeout, poolIdleTimeout, result);
            }
        });
    }

    private void secure(
            ConnectionPool pool,
            Channel ch,
            Duration timeout,
            Duration poolIdleTimeout,
            CompletableFuture<Connection> result) {
        PoolKey key = pool.key();
        if (result.isDone()) {
            close(ch);
            return;
        }
        if (!key.secure()) {
            ch.pipeline().remove(SETUP);
            ready(pool, Http1Connection.install(ch, pool), result);
            return;
        }
        SslHandler ssl;
        try {
            SSLEngine engine = tls.forTarget(key.profile(), key.trust()).newEngine(ch.alloc(), key.host(), key.port());
            key.profile().configureEngine(engine);
            ssl = new SslHandler(engine);
        } catch (RuntimeException e) {
            fail(result, ch, key, e, timeout);
            return;
        }
        ssl.setHandshakeTimeoutMillis(0); // the connect deadline covers it
        ch.pipeline().addBefore(SETUP, "tls", ssl);
        ssl.handshakeFuture().addListener(hf -> {
            if (!hf.isSuccess()) {
                fail(result, ch, key, hf.cause(), timeout);
                return;
            }
            if (result.isDone()) {
                close(ch);
                return;
            }
            try {
                ch.pipeline().remove(SETUP);
                Connection connection = "h2".equals(ssl.applicationProtocol())
                        ? Http2Connection.install(ch, pool, key.profile(), poolIdleTimeout)
                        : Http1Connection.install(ch, pool);
                ready(pool, connection, result);
            } catch (Exception e) {
                fail(result, ch, key, e, timeout);
            }
        });
    }

    private static void ready(ConnectionPool pool, Connection connection, CompletableFuture<Connection> result) {
        if (result.complete(connection)) {
            LOG.debug("connected {} ({})", pool.key(), connection.protocol());
            pool.added(connection);
        } else {
            connection.close();
        }
    }

    private static void fail(
            CompletableFuture<Connection> result, Channel ch, PoolKey key, Throwable cause, Duration timeout) {
        result.completeExceptionally(classify(key, cause, timeout));
        close(ch);
    }

    /** Turns a Netty failure into our exception, naming the target and (masked) proxy. */
    static UpstreamException classify(PoolKey key, Throwable cause, Duration timeout) {
        if (cause instanceof UpstreamException e) {
            return e;
        }
        if (cause instanceof ConnectTimeoutException) {
            return new UpstreamTimeoutException(UpstreamTimeoutException.Kind.CONNECT, timeout, key.toString());
        }
        String where = key.host() + ":" + key.port();
        if (cause instanceof ProxyConnectException) {
            return new UpstreamConnectException(
                    "proxy " + key.proxy() + " could not open a tunnel to " + where + ": " + cause.getMessage(), cause);
        }
        Throwable root = cause;
        while (root.getCause() != null && !(root instanceof SSLException)) {
            root = root.getCause();
        }
        if (root instanceof SSLException) {
            return new UpstreamConnectException("TLS handshake with " + where + " failed: " + root.getMessage(), cause);
        }
        String via = key.proxy() == null ? "" : " via proxy " + key.proxy();
        return new UpstreamConnectException("cannot connect to " + where + via + ": " + cause.getMessage(), cause);
    }

    private static void close(Channel ch) {
        if (ch != null) {
            ch.close();
        }
    }
}
