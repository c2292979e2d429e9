package io.clewdr.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * An HTTP/1.1 keep-alive connection: one exchange at a time, back to its pool when a response ends
 * cleanly with keep-alive. Its state is confined to the channel's event loop.
 */
final class Http1Connection extends ChannelInboundHandlerAdapter implements Connection {

    private final Channel channel;
    private final ConnectionPool pool;
    private Exchange current;
    private boolean keepAlive;
    private boolean skippingInformational;
    private boolean receivedAny;
    private Runnable currentOnStale;
    private long idleSince; // event loop only: System.nanoTime() of the last release to the pool
    private ScheduledFuture<?> evictionCheck; // event loop only: the pool's scheduled eviction check

    /** Notes that the connection went back to the pool now (event loop only). */
    void idleFrom(long nanos) {
        idleSince = nanos;
    }

    /** When the connection last went back to the pool (event loop only). */
    long idleSince() {
        return idleSince;
    }

    /**
     * Whether no eviction check is scheduled (event loop only). One check per connection, re-armed
     * when it fires early, instead of one per release: a busy pool would otherwise pile up a minute's
     * worth of dead timers (one per request) on the event loop.
     */
    boolean lacksEvictionCheck() {
        return evictionCheck == null;
    }

    /** The scheduled eviction check (event loop only). */
    void evictionCheck(ScheduledFuture<?> check) {
        evictionCheck = check;
    }

    /** The eviction check fired (event loop only). */
    void evictionCheckFired() {
        evictionCheck = null;
    }

    private static final java.util.Set<String> IDEMPOTENT = java.util.Set.of("GET", "HEAD", "OPTIONS");

    private Http1Connection(Channel channel, ConnectionPool pool) {
        this.channel = channel;
        this.pool = pool;
    }

    /** Adds the HTTP/1.1 codec, the gzip/deflate decoder and the connection to the pipeline. */
    static Http1Connection install(Channel channel, ConnectionPool pool) {
        Http1Connection connection = new Http1Connection(channel, pool);
        channel.pipeline()
                .addLast(
                        "h1-codec",
                        new HttpClientCodec(new HttpDecoderConfig().setMaxHeaderSize(64 * 1024), false, false))
                .addLast("h1-inflate", new HttpContentDecompressor(0))
                .addLast("h1", connection);
        return connection;
    }

    @Override
    public HttpProtocol protocol() {
        return HttpProtocol.HTTP_1_1;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public boolean isUsable() {
        return channel.isActive();
    }

    @Override
    public void send(Exchange exchange, Runnable onStale) {
        channel.eventLoop().execute(() -> {
            if (!channel.isActive() || current != null) {
                onStale.run();
                return;
            }
            current = exchange;
            currentOnStale = onStale;
            keepAlive = true;
            receivedAny = false;
            channel.writeAndFlush(request(exchange.request)).addListener(f -> {
                if (!f.isSuccess() && current == exchange && !receivedAny) {
                    clearCurrent();
                    channel.close();
                    onStale.run();
                }
            });
            exchange.startFirstByteTimer(channel.eventLoop(), () -> abort(exchange));
        });
    }

    private static DefaultFullHttpRequest request(UpstreamRequest request) {
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().newHeaders();
        List<Header> wire = request.wireHeaders();
        if (wire.stream().noneMatch(h -> h.name().equalsIgnoreCase("host"))) {
            headers.add("Host", request.authority());
        }
        for (Header h : wire) {
            headers.add(h.name(), h.value());
        }
        boolean framed = wire.stream()
                .anyMatch(h ->
                        h.name().equalsIgnoreCase("content-length") || h.name().equalsIgnoreCase("transfer-encoding"));
        byte[] body = request.body();
        if (!framed && (body != null || List.of("POST", "PUT", "PATCH").contains(request.method()))) {
            headers.add("Content-Length", Integer.toString(body == null ? 0 : body.length));
        }
        ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        return new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                HttpMethod.valueOf(request.method()),
                request.pathAndQuery(),
                content,
                headers,
                DefaultHttpHeadersFactory.trailersFactory().newHeaders());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange exchange = current;
        if (exchange == null) {
            // Bytes on an idle connection: the server is not speaking HTTP/1.1 keep-alive properly.
            ReferenceCountUtil.release(msg);
            channel.close();
            return;
        }
        receivedAny = true;
        if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            clearCurrent();
            exchange.fail(new UpstreamProtocolException(
                    "malformed HTTP/1.1 response from " + exchange.request.target(),
                    o.decoderResult().cause()));
            channel.close();
            return;
        }
        if (msg instanceof HttpResponse response) {
            if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL
                    && response.status().code() != 101) {
                skippingInformational = true;
            } else {
                keepAlive = HttpUtil.isKeepAlive(response);
                exchange.respond(new StreamedResponse(
                        response.status().code(),
                        readOnly(response.headers()),
                        HttpProtocol.HTTP_1_1,
                        channel.eventLoop(),
                        source(exchange),
                        exchange.timeouts.idle(),
                        exchange.request.target(),
                        exchange.nanoClock));
            }
        }
        if (msg instanceof HttpContent content) {
            ByteBuf bytes = content.content();
            StreamedResponse response = exchange.response();
            if (!skippingInformational && response != null && bytes.isReadable()) {
                response.onData(bytes, 0);
            } else {
                bytes.release();
            }
            if (msg instanceof LastHttpContent) {
                if (skippingInformational) {
                    skippingInformational = false;
                } else {
                    finish(exchange);
                }
            }
        }
    }

    private void finish(Exchange exchange) {
        clearCurrent();
        // Back to the pool before the caller hears of the end, so its next request can reuse us.
        if (keepAlive && channel.isActive()) {
            channel.config().setAutoRead(true);
            pool.release(this);
        } else {
            channel.close();
        }
        exchange.end();
    }

    private BodySource source(Exchange exchange) {
        return new BodySource() {
            @Override
            public void setReading(boolean reading) {
                if (current == exchange) {
                    channel.config().setAutoRead(reading);
                }
            }

            @Override
            public void credit(int bytes) {}

            @Override
            public void abort() {
                Http1Connection.this.abort(exchange);
            }
        };
    }

    private void abort(Exchange exchange) {
        if (current == exchange) {
            clearCurrent();
            channel.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.remove(this);
        if (evictionCheck != null) {
            // The check would keep the closed connection (channel, pipeline, buffers) reachable for
            // up to the pool's idle timeout; after a burst that is thousands of them.
            evictionCheck.cancel(false);
            evictionCheck = null;
        }
        Exchange exchange = current;
        Runnable onStale = currentOnStale;
        clearCurrent();
        if (exchange != null && !receivedAny && IDEMPOTENT.contains(exchange.request.method())) {
            // The server closed a kept-alive connection as we reused it (the keep-alive race):
            // nothing was answered, and the method is safe to send again on a fresh connection.
            onStale.run();
        } else if (exchange != null) {
            exchange.fail(new UpstreamProtocolException(
                    "connection closed by " + exchange.request.target() + " before the response ended", null));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Exchange exchange = current;
        clearCurrent();
        if (exchange != null) {
            exchange.fail(new UpstreamProtocolException(
                    "connection to " + exchange.request.target() + " failed: " + cause.getMessage(), cause));
        }
        channel.close();
    }

    @Override
    public void close() {
        channel.close();
    }

    /**
     * Forgets the exchange and its retry callback. Both reach the caller's whole request (its
     * response stream, the client's channel, the relay's buffers), which an idle pooled connection
     * must not keep alive until it is next used or evicted.
     */
    private void clearCurrent() {
        current = null;
        currentOnStale = null;
    }

    /** A read-only copy, so callers cannot change what later readers of the response see. */
    static HttpHeaders readOnly(HttpHeaders headers) {
        List<CharSequence> pairs = new ArrayList<>(headers.size() * 2);
        for (Map.Entry<String, String> e : headers) {
            pairs.add(e.getKey());
            pairs.add(e.getValue());
        }
        return new ReadOnlyHttpHeaders(false, pairs.toArray(CharSequence[]::new));
    }
}
