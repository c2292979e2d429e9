package io.clewdr.testkit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The base of every fake upstream: a real HTTP/1.1 server on loopback (its own Netty event loop,
 * independent of the code under test) whose answers are scripted per route, which records every
 * request it receives, and which can misbehave the way real upstreams do (slow headers, pauses,
 * a connection cut mid-stream, a reset before any answer).
 */
public class FakeUpstream implements AutoCloseable {
    /** A scripted route. */
    private record Handler(String method, String path, boolean prefix, Function<Recorded, Reply> responder) {
        boolean matches(String m, String p) {
            return method.equals(m) && (prefix ? p.startsWith(path) : p.equals(path));
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Handler> handlers = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Recorded> received = new ConcurrentLinkedQueue<>();
    private final Channel channel;

    /** Starts the server on a free loopback port. */
    public FakeUpstream() {
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(64 * 1024 * 1024))
                                .addLast(new RequestHandler());
                    }
                })
                .bind("127.0.0.1", 0)
                .syncUninterruptibly()
                .channel();
    }

    /** @return the base URL, ending with {@code /} */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    /** @return the port */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * Scripts an exact route; later scripts for the same route win.
     *
     * @param method the method
     * @param path the exact path
     * @param responder builds the reply from the request
     */
    public final void on(String method, String path, Function<Recorded, Reply> responder) {
        handlers.addFirst(new Handler(method, path, false, responder));
    }

    /**
     * Scripts every path under a prefix.
     *
     * @param method the method
     * @param prefix the path prefix
     * @param responder builds the reply from the request
     */
    public final void onPrefix(String method, String prefix, Function<Recorded, Reply> responder) {
        handlers.addFirst(new Handler(method, prefix, true, responder));
    }

    /** @return every request received so far, in order */
    public List<Recorded> received() {
        return new ArrayList<>(received);
    }

    /**
     * The requests received on one path.
     *
     * @param path the path
     * @return those requests, in order
     */
    public List<Recorded> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Forgets what was received. */
    public void clearReceived() {
        received.clear();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        workers.shutdownNow();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        /**
         * Answers on one connection go out one at a time, in order. A client may send its next
         * request as soon as it has read a response's last byte, before our thread has written the
         * (empty) end of that response; without this the next response's head could reach Netty's
         * encoder first and be dropped, leaving the client waiting.
         */
        private final ReentrantLock order = new ReentrantLock();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
            QueryStringDecoder uri = new QueryStringDecoder(msg.uri());
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            msg.headers().iteratorAsString().forEachRemaining(e -> headers.add(Map.entry(e.getKey(), e.getValue())));
            Recorded request = new Recorded(
                    msg.method().name(),
                    uri.path(),
                    uri.parameters(),
                    List.copyOf(headers),
                    ByteBufUtil.getBytes(msg.content()));
            received.add(request);
            Channel ch = ctx.channel();
            workers.execute(() -> answer(ch, request));
        }

        private void answer(Channel ch, Recorded request) {
            order.lock();
            try {
                answerInOrder(ch, request);
            } finally {
                order.unlock();
            }
        }

        private void answerInOrder(Channel ch, Recorded request) {
            Reply reply = handlers.stream()
                    .filter(h -> h.matches(request.method(), request.path()))
                    .findFirst()
                    .map(h -> h.responder().apply(request))
                    .orElseGet(() -> Reply.json(
                            404,
                            "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"fake: no route "
                                    + request.method() + " " + request.path() + "\"}}"));
            try {
                if (reply.resetBeforeHeaders) {
                    ch.close();
                    return;
                }
                sleep(reply.delayBeforeHeaders.toMillis());
                HttpResponse head =
                        new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status));
                reply.headers.forEach(h -> head.headers().add(h.getKey(), h.getValue()));
                if (reply.streamed) {
                    head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                } else {
                    int length = reply.steps.stream()
                            .mapToInt(s -> s instanceof Reply.Step.Bytes b ? b.bytes().length : 0)
                            .sum();
                    head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, length);
                }
                ch.writeAndFlush(head);
                for (Reply.Step step : reply.steps) {
                    switch (step) {
                        case Reply.Step.Bytes b ->
                            ch.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(b.bytes())));
                        case Reply.Step.Pause p -> sleep(p.duration().toMillis());
                        case Reply.Step.Cut c -> {
                            ch.close();
                            return;
                        }
                    }
                }
                // Wait for the end to be written, so the next answer cannot overtake it.
                ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).awaitUninterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ch.close();
            }
        }

        private static void sleep(long millis) throws InterruptedException {
            if (millis > 0) {
                Thread.sleep(millis);
            }
        }
    }
}
