package io.clewdr.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Terminates TLS on a loopback port and relays the plain bytes to another port: in front of
 * tinyproxy it makes an {@code https://} proxy.
 */
final class TlsForwarder implements AutoCloseable {

    final AtomicInteger handshakes = new AtomicInteger();
    private final Channel server;

    TlsForwarder(EventLoopGroup group, int backendPort) {
        SslContext ssl = TestCertificates.server(List.of());
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel front) {
                        var tls = ssl.newHandler(front.alloc());
                        tls.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) {
                                handshakes.incrementAndGet();
                            }
                        });
                        var toBackend = new Relay();
                        front.pipeline().addLast(tls, toBackend);
                        new Bootstrap()
                                .group(front.eventLoop())
                                .channel(NioSocketChannel.class)
                                .handler(new Relay(front))
                                .connect("127.0.0.1", backendPort)
                                .addListener(f -> {
                                    if (!f.isSuccess()) {
                                        front.close();
                                        return;
                                    }
                                    toBackend.connected(((io.netty.channel.ChannelFuture) f).channel());
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .syncUninterruptibly()
                .channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Writes what one side reads to the other, and closes the other side when this one closes. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final java.util.ArrayDeque<Object> pending = new java.util.ArrayDeque<>();
        private Channel other;
        private boolean closed;

        Relay(Channel other) {
            this.other = other;
        }

        /** A relay whose other side is still connecting: it holds what it reads until then. */
        Relay() {}

        void connected(Channel newOther) {
            other = newOther;
            while (!pending.isEmpty()) {
                other.write(pending.poll());
            }
            other.flush();
            if (closed) {
                other.close();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (other == null) {
                pending.add(msg);
            } else {
                other.writeAndFlush(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed = true;
            if (other != null) {
                other.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }
}
