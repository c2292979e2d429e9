package io.clewdr.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keep-alive connections to one port, used from one event loop only (so no locks): an idle one is
 * reused, a new one is opened up to {@code max}, beyond that a caller waits for the next release. An
 * open-loop run measures from the intended start, so time spent waiting here counts as latency.
 */
final class ConnPool {
    /** Who asked for a connection. */
    private record Waiter(Consumer<HttpConn> ready, Consumer<String> failed) {}

    private final Bootstrap bootstrap;
    private final int port;
    private final int max;
    private final ArrayDeque<HttpConn> idle = new ArrayDeque<>();
    private final Set<HttpConn> open = new HashSet<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private int connecting;

    ConnPool(EventLoop loop, NettyTransport transport, int port, int max) {
        this.port = port;
        this.max = max;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
    }

    int port() {
        return port;
    }

    int openCount() {
        return open.size();
    }

    /** Hands a connection to {@code ready}, now or once one is free; {@code failed} on a connect error. */
    void acquire(Consumer<HttpConn> ready, Consumer<String> failed) {
        HttpConn conn = idle.pollLast();
        if (conn != null) {
            ready.accept(conn);
        } else if (open.size() + connecting < max) {
            connect(ready, failed);
        } else {
            waiters.add(new Waiter(ready, failed));
        }
    }

    private void connect(Consumer<HttpConn> ready, Consumer<String> failed) {
        connecting++;
        HttpConn conn = new HttpConn(this);
        bootstrap
                .clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec()).addLast(conn);
                    }
                })
                .connect("127.0.0.1", port)
                .addListener(f -> {
                    connecting--;
                    if (f.isSuccess()) {
                        open.add(conn);
                        ready.accept(conn);
                    } else {
                        failed.accept("connect");
                        serveWaiter();
                    }
                });
    }

    void release(HttpConn conn) {
        Waiter next = waiters.poll();
        if (next != null) {
            next.ready().accept(conn);
        } else {
            idle.addLast(conn);
        }
    }

    void discard(HttpConn conn) {
        if (open.remove(conn)) {
            idle.remove(conn);
            serveWaiter();
        }
    }

    private void serveWaiter() {
        Waiter next = waiters.poll();
        if (next != null) {
            acquire(next.ready(), next.failed());
        }
    }

    /**
     * Closes every connection (idle or busy) and fails every caller still waiting for one: a waiter
     * dropped silently would stay counted in flight, and the run waiting for it would never end.
     */
    void closeAll() {
        List<Waiter> dropped = List.copyOf(waiters);
        waiters.clear();
        dropped.forEach(w -> w.failed().accept("cut while waiting for a connection"));
        idle.clear();
        for (HttpConn conn : Set.copyOf(open)) {
            conn.close();
        }
    }
}
