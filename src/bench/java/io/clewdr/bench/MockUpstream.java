package io.clewdr.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mock upstream as its own process: {@code MockUpstream <port> [threads]}, on loopback. It
 * speaks the Anthropic Messages API and the Claude.ai web calls (see {@link MockHandler}), paced
 * or at zero delay (see {@link Pace}). It runs until killed.
 */
public final class MockUpstream {
    private static final Logger LOG = LoggerFactory.getLogger(MockUpstream.class);

    private MockUpstream() {}

    /**
     * Starts the mock.
     *
     * @param args the port, then optionally the number of event-loop threads (default 1)
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        NettyTransport transport = NettyTransport.best();
        EventLoopGroup group = transport.group(threads);
        MockStats stats = new MockStats();
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 8192)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(4 << 20))
                                .addLast(new MockHandler(stats));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port))
                .sync()
                .channel();
        LOG.info("Mock upstream on 127.0.0.1:{} ({} thread(s), epoll={})", port, threads, transport.epoll());
        server.closeFuture().sync();
    }
}
