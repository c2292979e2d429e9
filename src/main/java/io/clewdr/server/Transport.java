package io.clewdr.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The one event-loop group shared by the server and the upstream client: native epoll where the
 * platform has it, NIO elsewhere.
 *
 * @param group the event loops
 * @param epoll whether the group is epoll-based (channels must match the group)
 */
public record Transport(EventLoopGroup group, boolean epoll) {

    /**
     * Creates the event loops.
     *
     * @param threads the number of event-loop threads (0 for one per core)
     * @return the transport
     */
    public static Transport create(int threads) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        // One loop per core rather than Netty's two: a loop never blocks, so a second one per core
        // only adds thread switches, and a stream whose client and upstream connections share a loop
        // relays without handing each write to another thread (1,000 paced streams on one core:
        // per-delta delay p50 14-17 ms with two loops, 11-12 ms with one).
        int count = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        return new Transport(new MultiThreadIoEventLoopGroup(count, factory), epoll);
    }

    /** @return the server channel class matching the group */
    public Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Stops the event loops (after the server and the client are done with them). */
    public void shutdown() {
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
