package io.clewdr.upstream;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A scriptable loopback HTTP server for the client tests: plain HTTP/1.1, or TLS offering h2 and
 * http/1.1 by ALPN. It records every request (headers in arrival order and case) and counts
 * connections and HTTP/2 streams.
 */
final class TestServer implements AutoCloseable {

    /** A request as the server saw it. */
    record Received(
            String method, String uri, List<Header> headers, byte[] body, String connectionId, String protocol) {

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Answers one request; {@code ctx} writes to the HTTP/1.1 connection or the HTTP/2 stream. */
    interface Script {
        void handle(Received request, ChannelHandlerContext ctx);
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger connectionsOpened = new AtomicInteger();
    final AtomicInteger connectionsClosed = new AtomicInteger();
    final AtomicInteger streamsClosed = new AtomicInteger();
    private final List<Channel> children = new CopyOnWriteArrayList<>();
    private final Channel server;
    private final boolean tls;

    private TestServer(EventLoopGroup group, SslContext ssl, Script script) {
        this.tls = ssl != null;
        this.server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connectionsOpened.incrementAndGet();
                        children.add(ch);
                        ch.closeFuture().addListener(f -> connectionsClosed.incrementAndGet());
                        String id = ch.id().asShortText();
                        if (ssl == null) {
                            http1(ch.pipeline(), id, script);
                            return;
                        }
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        ch.pipeline()
                                .addLast(new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                                    @Override
                                    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                                        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                                            http2(ctx.pipeline(), id, script);
                                        } else {
                                            http1(ctx.pipeline(), id, script);
                                        }
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .syncUninterruptibly()
                .channel();
    }

    static TestServer plain(EventLoopGroup group, Script script) {
        return new TestServer(group, null, script);
    }

    static TestServer tls(EventLoopGroup group, SslContext ssl, Script script) {
        return new TestServer(group, ssl, script);
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    URI uri(String path) {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port() + path);
    }

    private void http1(ChannelPipeline p, String id, Script script) {
        p.addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Recorder(id, "HTTP/1.1", script));
    }

    private void http2(ChannelPipeline p, String id, Script script) {
        p.addLast(Http2FrameCodecBuilder.forServer().build());
        p.addLast(new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                ch.closeFuture().addListener(f -> streamsClosed.incrementAndGet());
                ch.pipeline()
                        .addLast(
                                new Http2StreamFrameToHttpObjectCodec(true),
                                new HttpObjectAggregator(1 << 20),
                                new Recorder(id, "h2", script));
            }
        }));
    }

    private final class Recorder extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String connectionId;
        private final String protocol;
        private final Script script;

        Recorder(String connectionId, String protocol, Script script) {
            this.connectionId = connectionId;
            this.protocol = protocol;
            this.script = script;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            List<Header> headers = new ArrayList<>();
            for (Map.Entry<String, String> e : request.headers()) {
                headers.add(Header.of(e.getKey(), e.getValue()));
            }
            Received r = new Received(
                    request.method().name(),
                    request.uri(),
                    headers,
                    ByteBufUtil.getBytes(request.content()),
                    connectionId,
                    protocol);
            received.add(r);
            script.handle(r, ctx);
        }
    }

    // ---- scripts ----

    /** A complete response with a content-length, keeping the connection alive. */
    static void respond(ChannelHandlerContext ctx, int status, String body, String... headerPairs) {
        respondBytes(ctx, status, body.getBytes(StandardCharsets.UTF_8), headerPairs);
    }

    static void respondBytes(ChannelHandlerContext ctx, int status, byte[] body, String... headerPairs) {
        var response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            response.headers().add(headerPairs[i], headerPairs[i + 1]);
        }
        HttpUtil.setContentLength(response, body.length);
        ctx.writeAndFlush(response);
    }

    /** A gzip-compressed body with {@code content-encoding: gzip}. */
    static void respondGzip(ChannelHandlerContext ctx, String body) {
        var bytes = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(bytes)) {
            gzip.write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        respondBytes(ctx, 200, bytes.toByteArray(), "content-encoding", "gzip", "content-type", "text/plain");
    }

    /** Response headers, then {@code events} SSE events {@code interval} apart (forever if < 0). */
    static void sse(ChannelHandlerContext ctx, int events, Duration interval) {
        var head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.writeAndFlush(head);
        sendEvent(ctx, 0, events, interval);
    }

    private static void sendEvent(ChannelHandlerContext ctx, int i, int events, Duration interval) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (events >= 0 && i >= events) {
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            return;
        }
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("data: " + i + "\n\n", StandardCharsets.UTF_8)));
        ctx.executor()
                .schedule(() -> sendEvent(ctx, i + 1, events, interval), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Response headers and one chunk, then silence with the connection open. */
    static void headersThenStall(ChannelHandlerContext ctx) {
        var head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.write(head);
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("first", StandardCharsets.UTF_8)));
    }

    /**
     * Sends {@code total} bytes as fast as the client lets it: it writes only while the channel
     * (for HTTP/2, the stream's flow-control window) is writable, counting bytes in {@code sent}.
     */
    static void flood(ChannelHandlerContext ctx, long total, java.util.concurrent.atomic.AtomicLong sent) {
        var head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setContentLength(head, total);
        ctx.write(head);
        var block = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(new byte[16 * 1024]));
        Runnable pump = new Runnable() {
            @Override
            public void run() {
                while (ctx.channel().isWritable() && sent.get() < total) {
                    int n = (int) Math.min(block.capacity(), total - sent.get());
                    sent.addAndGet(n);
                    Object chunk = sent.get() == total
                            ? new io.netty.handler.codec.http.DefaultLastHttpContent(block.retainedSlice(0, n))
                            : new DefaultHttpContent(block.retainedSlice(0, n));
                    ctx.write(chunk);
                }
                ctx.flush();
            }
        };
        ctx.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext c) {
                pump.run();
                c.fireChannelWritabilityChanged();
            }
        });
        pump.run();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        children.forEach(Channel::close);
    }
}
