package io.clewdr.bench;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One keep-alive HTTP/1.1 client connection: at most one exchange at a time, reported to an {@link
 * Exchange}; back to its pool when the response ends, dropped when the server closes it.
 */
final class HttpConn extends SimpleChannelInboundHandler<HttpObject> {
    private final ConnPool pool;
    private @Nullable Channel channel;
    private @Nullable Exchange current;
    private boolean reusable = true;

    HttpConn(ConnPool pool) {
        this.pool = pool;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /** Sends a POST; the exchange hears about the answer. */
    void post(String path, Map<String, String> headers, byte[] body, Exchange exchange) {
        current = exchange;
        FullHttpRequest req =
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(body));
        req.headers()
                .set(HttpHeaderNames.HOST, "127.0.0.1:" + pool.port())
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.forEach((k, v) -> req.headers().set(k, v));
        channel().writeAndFlush(req);
    }

    /** Sends a GET; the exchange hears about the answer. */
    void get(String path, Map<String, String> headers, Exchange exchange) {
        current = exchange;
        FullHttpRequest req =
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path, Unpooled.EMPTY_BUFFER);
        req.headers().set(HttpHeaderNames.HOST, "127.0.0.1:" + pool.port());
        headers.forEach((k, v) -> req.headers().set(k, v));
        channel().writeAndFlush(req);
    }

    Channel channel() {
        if (channel == null) {
            throw new IllegalStateException("not connected");
        }
        return channel;
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        Exchange ex = current;
        if (ex == null) {
            return;
        }
        long now = System.nanoTime();
        if (msg instanceof HttpResponse res) {
            reusable = HttpUtil.isKeepAlive(res);
            ex.headers(res.status().code(), now);
        }
        if (msg instanceof HttpContent content) {
            if (content.content().isReadable()) {
                ex.content(content.content(), now);
            }
            if (msg instanceof LastHttpContent) {
                current = null;
                if (reusable) {
                    pool.release(this);
                } else {
                    pool.discard(this);
                    ctx.close();
                }
                ex.end(now);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.discard(this);
        Exchange ex = current;
        current = null;
        if (ex != null) {
            ex.fail("cut", System.nanoTime());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
