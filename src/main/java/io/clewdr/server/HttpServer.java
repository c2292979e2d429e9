package io.clewdr.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server: binds, decodes requests with the body limit, and hands them to the routing
 * table. Shutdown stops accepting first, then waits (bounded) for requests in flight.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Transport transport;
    private final Router router;
    private final Supplier<Passwords> passwords;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    /** Per event loop, the virtual threads it carries; empty when the JDK does not allow them. */
    private final Map<EventLoop, Executor> onLoops = new ConcurrentHashMap<>();

    private final InFlight inFlight = new InFlight();
    private @Nullable Channel serverChannel;
    private @Nullable ScheduledFuture<?> heapChecks;

    private HttpServer(Transport transport, Router router, Supplier<Passwords> passwords) {
        this.transport = transport;
        this.router = router;
        this.passwords = passwords;
    }

    /**
     * Creates a server (not yet bound).
     *
     * @param transport the shared event loops
     * @param router the routing table
     * @param passwords the current passwords, read per request
     * @return the server
     */
    public static HttpServer create(Transport transport, Router router, Supplier<Passwords> passwords) {
        return new HttpServer(transport, router, passwords);
    }

    /**
     * Binds and starts accepting.
     *
     * @param host the address to bind
     * @param port the port (0 for any free port)
     * @return the bound address
     * @throws ListenException when the socket cannot be opened (port taken, no privilege, foreign address)
     */
    public InetSocketAddress start(String host, int port) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.group())
                .channel(transport.serverChannel())
                // Room for a burst of new connections while the loops are busy relaying: at 1,024 a
                // ramp to 5,000 streams over two seconds lost connects (the kernel caps it at somaxconn).
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec(8192, 65536, 65536))
                                .addLast(new HttpServerExpectContinueHandler())
                                .addLast(new BodyLimit(BodyLimit.MAX_BODY_BYTES))
                                .addLast(new ConnectionHandler(
                                        router,
                                        passwords,
                                        handlers,
                                        LoopThreads.available()
                                                ? onLoops.computeIfAbsent(ch.eventLoop(), LoopThreads::on)
                                                : null,
                                        inFlight));
                    }
                });
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw ListenException.of(host, port, bound.cause());
        }
        Channel channel = bound.channel();
        serverChannel = channel;
        // The checks are a few reads on an event loop; the collections they may ask for run elsewhere.
        // The ceiling is half the heap's cap: 128 MB under the launcher's 256.
        Runtime runtime = Runtime.getRuntime();
        IdleHeapTrim trim = new IdleHeapTrim(inFlight, runtime::totalMemory, System::gc);
        HeapCeiling ceiling =
                new HeapCeiling(runtime.maxMemory() / 2, runtime::totalMemory, System::gc, Clock.systemUTC());
        long period = IdleHeapTrim.PERIOD_MILLIS;
        heapChecks = channel.eventLoop()
                .scheduleAtFixedRate(
                        () -> {
                            handlers.execute(trim);
                            handlers.execute(ceiling);
                        },
                        period,
                        period,
                        TimeUnit.MILLISECONDS);
        return (InetSocketAddress) channel.localAddress();
    }

    /** @return the number of requests between arrival and the end of their response */
    public int inFlight() {
        return inFlight.count();
    }

    /**
     * Stops accepting, then waits for requests in flight up to the grace period.
     *
     * @param grace how long to wait for requests in flight
     * @return whether every request finished in time
     */
    public boolean stop(Duration grace) {
        ScheduledFuture<?> checks = heapChecks;
        if (checks != null) {
            checks.cancel(false);
            heapChecks = null;
        }
        Channel channel = serverChannel;
        if (channel != null) {
            channel.close().syncUninterruptibly();
            serverChannel = null;
        }
        boolean idle;
        try {
            idle = inFlight.awaitIdle(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        if (!idle) {
            LOG.warn("{} request(s) still in flight after {} s; stopping anyway", inFlight.count(), grace.toSeconds());
        }
        handlers.shutdownNow();
        return idle;
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
