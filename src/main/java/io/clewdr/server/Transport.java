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
     * @param threads the number of event-loop threads (0 for Netty's default, twice the cores)
     * @return the transport
     */
    public static Transport create(int threads) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new Transport(new MultiThreadIoEventLoopGroup(threads, factory), epoll);
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
