package io.clewdr.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM + Netty ceiling of gateways.md §13: {@code RawNettyProxy <port> <upstream port>}, a
 * server codec piped to a client codec, on loopback. Each client connection gets its own keep-alive
 * connection to the upstream on the same event loop; request and response parts are forwarded as
 * they arrive, never parsed beyond HTTP framing, and every response part is flushed at once (so SSE
 * streams pass event by event). No routing, auth, credentials, translation, accounting or logging:
 * "ClewdR minus this" is the price of ClewdR's own logic. It runs with ClewdR's heap and compiler
 * flags (see {@link Rig#rawNetty}) and until killed.
 */
public final class RawNettyProxy {
    private static final Logger LOG = LoggerFactory.getLogger(RawNettyProxy.class);

    private RawNettyProxy() {}

    /**
     * Starts the proxy.
     *
     * @param args the port to listen on, then the upstream's port
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        int upstreamPort = Integer.parseInt(args[1]);
        NettyTransport transport = NettyTransport.best();
        EventLoopGroup group = transport.group(1);
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 8192)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // Nothing is read from a client before its upstream connection is open.
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec()).addLast(new ClientSide(transport, upstreamPort));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port))
                .sync()
                .channel();
        LOG.info("Raw Netty proxy on 127.0.0.1:{} to 127.0.0.1:{}", port, upstreamPort);
        server.closeFuture().sync();
    }

    /** One client connection: opens its upstream connection, then forwards request parts to it. */
    private static final class ClientSide extends ChannelInboundHandlerAdapter {
        private final NettyTransport transport;
        private final int upstreamPort;
        private @Nullable Channel upstream;

        ClientSide(NettyTransport transport, int upstreamPort) {
            this.transport = transport;
            this.upstreamPort = upstreamPort;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel client = ctx.channel();
            ChannelFuture connected = new Bootstrap()
                    .group(client.eventLoop())
                    .channel(transport.clientChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec()).addLast(new UpstreamSide(client));
                        }
                    })
                    .connect("127.0.0.1", upstreamPort);
            upstream = connected.channel();
            connected.addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    client.config().setAutoRead(true);
                } else {
                    client.close();
                }
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel to = upstream;
            if (to == null || !to.isActive()) {
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            if (msg instanceof LastHttpContent) {
                to.writeAndFlush(msg);
            } else {
                to.write(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Channel to = upstream;
            if (to != null) {
                to.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The upstream side of one client connection: every response part goes straight back. */
    private static final class UpstreamSide extends ChannelInboundHandlerAdapter {
        private final Channel client;

        UpstreamSide(Channel client) {
            this.client = client;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpContent) {
                client.writeAndFlush(msg);
            } else {
                client.write(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            client.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
