package io.clewdr.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionEncoder;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.DelegatingDecompressorFrameListener;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2EventAdapter;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/2 connection that multiplexes exchanges as streams. Built on {@link
 * Http2ConnectionHandler} rather than the frame codec, because a browser profile needs control of
 * the HPACK encoder, the connection WINDOW_UPDATE and the HEADERS priority. Back-pressure withholds
 * flow-control credit: bytes are returned to the window only when the caller has taken them.
 */
final class Http2Connection extends Http2EventAdapter implements Connection {

    private static final Logger LOG = LoggerFactory.getLogger(Http2Connection.class);
    private static final List<String> CONNECTION_HEADERS =
            List.of("host", "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

    private final Channel channel;
    private final ConnectionPool pool;
    private final ClientProfile profile;
    private final Duration idleTimeout;
    private final io.netty.handler.codec.http2.Http2Connection h2;
    private final IntObjectMap<Exchange> exchanges = new IntObjectHashMap<>();
    private Http2ConnectionHandler handler;
    private ChannelHandlerContext ctx;
    private volatile boolean goingAway;
    private boolean inRead;
    private ScheduledFuture<?> idleClose;

    private Http2Connection(Channel channel, ConnectionPool pool, ClientProfile profile, Duration idleTimeout) {
        this.channel = channel;
        this.pool = pool;
        this.profile = profile;
        this.idleTimeout = idleTimeout;
        this.h2 = new DefaultHttp2Connection(false);
    }

    /** Adds the HTTP/2 handler shaped by {@code profile} and sends the preface (event loop only). */
    static Http2Connection install(Channel channel, ConnectionPool pool, ClientProfile profile, Duration idleTimeout)
            throws Http2Exception {
        Http2Connection c = new Http2Connection(channel, pool, profile, idleTimeout);
        var writer = new DefaultHttp2FrameWriter(new DefaultHttp2HeadersEncoder(
                Http2HeadersEncoder.NEVER_SENSITIVE, false, 16, profile.hpackHuffmanThreshold()));
        var encoder = new DefaultHttp2ConnectionEncoder(c.h2, writer);
        var decoder = new DefaultHttp2ConnectionDecoder(c.h2, encoder, new DefaultHttp2FrameReader());
        // After the decoder, which installs the local flow controller the decompressor wraps.
        var listener = new DelegatingDecompressorFrameListener(c.h2, c, 0);
        c.handler = new Http2ConnectionHandlerBuilder()
                .codec(decoder, encoder)
                .frameListener(listener)
                .initialSettings(profile.http2Settings())
                .build();
        c.h2.addListener(c);
        channel.pipeline().addLast("h2", c.handler);
        c.ctx = channel.pipeline().context(c.handler);
        int increment = profile.http2ConnectionWindowIncrement();
        if (increment > 0) {
            c.h2.local().flowController().incrementWindowSize(c.h2.connectionStream(), increment);
        }
        channel.flush();
        channel.closeFuture().addListener(f -> c.closed());
        return c;
    }

    @Override
    public HttpProtocol protocol() {
        return HttpProtocol.HTTP_2;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public boolean isUsable() {
        return channel.isActive() && !goingAway;
    }

    @Override
    public void send(Exchange exchange, Runnable onStale) {
        channel.eventLoop().execute(() -> {
            if (!channel.isActive() || goingAway || !h2.local().canOpenStream()) {
                onStale.run();
                return;
            }
            cancelIdleClose();
            UpstreamRequest request = exchange.request;
            int id = h2.local().incrementAndGetNextStreamId();
            exchanges.put(id, exchange);
            byte[] body = request.body();
            boolean endStream = body == null;
            var promise = ctx.newPromise();
            ClientProfile.HeadersPriority priority = profile.headersPriority();
            if (priority == null) {
                handler.encoder().writeHeaders(ctx, id, headers(request), 0, endStream, promise);
            } else {
                handler.encoder()
                        .writeHeaders(
                                ctx,
                                id,
                                headers(request),
                                priority.streamDependency(),
                                priority.weight(),
                                priority.exclusive(),
                                0,
                                endStream,
                                promise);
            }
            if (!endStream) {
                handler.encoder().writeData(ctx, id, Unpooled.wrappedBuffer(body), 0, true, ctx.newPromise());
            }
            channel.flush(); // through the handler, which also writes flow-controlled DATA
            promise.addListener(f -> {
                if (!f.isSuccess() && exchanges.remove(id) != null) {
                    exchange.fail(new UpstreamProtocolException(
                            "could not send " + request.target() + " on HTTP/2", f.cause()));
                }
            });
            exchange.startFirstByteTimer(channel.eventLoop(), () -> reset(id));
        });
    }

    private Http2Headers headers(UpstreamRequest request) {
        List<Header> wire = request.wireHeaders();
        String authority = wire.stream()
                .filter(h -> h.name().equalsIgnoreCase("host"))
                .map(Header::value)
                .findFirst()
                .orElse(request.authority());
        var headers = new io.netty.handler.codec.http2.DefaultHttp2Headers();
        for (ClientProfile.PseudoHeader p : profile.pseudoHeaderOrder()) {
            switch (p) {
                case METHOD -> headers.method(request.method());
                case AUTHORITY -> headers.authority(authority);
                case SCHEME -> headers.scheme(request.uri().getScheme().toLowerCase(java.util.Locale.ROOT));
                case PATH -> headers.path(request.pathAndQuery());
            }
        }
        for (Header h : wire) {
            String name = h.name().toLowerCase(java.util.Locale.ROOT);
            if (!CONNECTION_HEADERS.contains(name)
                    && !(name.equals("te") && !h.value().equals("trailers"))) {
                headers.add(name, h.value());
            }
        }
        return headers;
    }

    @Override
    public void onHeadersRead(
            ChannelHandlerContext c, int streamId, Http2Headers headers, int padding, boolean endOfStream) {
        Exchange exchange = exchanges.get(streamId);
        if (exchange == null) {
            return;
        }
        if (exchange.response() == null) {
            int status;
            try {
                status = Integer.parseInt(String.valueOf(headers.status()));
            } catch (NumberFormatException e) {
                exchanges.remove(streamId);
                exchange.fail(new UpstreamProtocolException("bad :status from " + exchange.request.target(), e));
                reset(streamId);
                return;
            }
            if (status / 100 == 1 && !endOfStream) {
                return; // informational: the real response follows
            }
            HttpHeaders out = DefaultHttpHeadersFactory.headersFactory()
                    .withValidation(false)
                    .newHeaders();
            headers.forEach(e -> {
                if (e.getKey().length() == 0 || e.getKey().charAt(0) != ':') {
                    out.add(e.getKey(), e.getValue());
                }
            });
            exchange.respond(new StreamedResponse(
                    status,
                    Http1Connection.readOnly(out),
                    HttpProtocol.HTTP_2,
                    channel.eventLoop(),
                    source(streamId, exchange),
                    exchange.timeouts.idle(),
                    exchange.request.target(),
                    exchange.nanoClock));
        }
        if (endOfStream) {
            exchanges.remove(streamId);
            exchange.end();
        }
    }

    @Override
    public void onHeadersRead(
            ChannelHandlerContext c,
            int streamId,
            Http2Headers headers,
            int streamDependency,
            short weight,
            boolean exclusive,
            int padding,
            boolean endOfStream) {
        onHeadersRead(c, streamId, headers, padding, endOfStream);
    }

    @Override
    public int onDataRead(ChannelHandlerContext c, int streamId, ByteBuf data, int padding, boolean endOfStream) {
        int credit = data.readableBytes() + padding;
        Exchange exchange = exchanges.get(streamId);
        if (exchange == null || exchange.response() == null) {
            return credit;
        }
        int returnNow = credit;
        if (data.isReadable()) {
            returnNow = 0; // the response returns it when the caller takes the chunk
            inRead = true;
            try {
                exchange.response().onData(data.retain(), credit);
            } finally {
                inRead = false;
            }
        }
        if (endOfStream) {
            exchanges.remove(streamId);
            exchange.end();
        }
        return returnNow;
    }

    @Override
    public void onRstStreamRead(ChannelHandlerContext c, int streamId, long errorCode) {
        Exchange exchange = exchanges.remove(streamId);
        if (exchange != null) {
            exchange.fail(new UpstreamProtocolException(
                    "HTTP/2 stream reset by " + exchange.request.target() + " (" + Http2Error.valueOf(errorCode) + ")",
                    null));
        }
    }

    @Override
    public void onGoAwayRead(ChannelHandlerContext c, int lastStreamId, long errorCode, ByteBuf debugData) {
        goingAway = true;
        pool.remove(this);
    }

    @Override
    public void onStreamClosed(Http2Stream stream) {
        Exchange exchange = exchanges.remove(stream.id());
        if (exchange != null && !exchange.isOver()) {
            exchange.fail(new UpstreamProtocolException(
                    "HTTP/2 stream to " + exchange.request.target() + " closed before the response ended", null));
        }
        if (exchanges.isEmpty()) {
            if (goingAway) {
                channel.close();
            } else {
                scheduleIdleClose();
            }
        }
    }

    private BodySource source(int streamId, Exchange exchange) {
        return new BodySource() {
            @Override
            public void setReading(boolean reading) {}

            @Override
            public void credit(int bytes) {
                Http2Stream stream = h2.stream(streamId);
                if (bytes <= 0 || stream == null || stream.state() == Http2Stream.State.CLOSED) {
                    return;
                }
                try {
                    h2.local().flowController().consumeBytes(stream, bytes);
                    if (!inRead) {
                        ctx.flush(); // the read path flushes once per read instead
                    }
                } catch (Http2Exception e) {
                    LOG.debug("could not return {} bytes of credit on stream {}", bytes, streamId, e);
                }
            }

            @Override
            public void abort() {
                if (exchanges.remove(streamId) != null) {
                    reset(streamId);
                }
            }
        };
    }

    private void reset(int streamId) {
        exchanges.remove(streamId);
        handler.resetStream(ctx, streamId, Http2Error.CANCEL.code(), ctx.newPromise());
        ctx.flush();
    }

    private void scheduleIdleClose() {
        cancelIdleClose();
        idleClose = channel.eventLoop()
                .schedule(
                        () -> {
                            if (exchanges.isEmpty()) {
                                goingAway = true;
                                pool.remove(this);
                                channel.close();
                            }
                        },
                        idleTimeout.toNanos(),
                        TimeUnit.NANOSECONDS);
    }

    private void cancelIdleClose() {
        if (idleClose != null) {
            idleClose.cancel(false);
            idleClose = null;
        }
    }

    /** Stops taking new streams and closes once the current ones have ended. */
    void closeWhenIdle() {
        goingAway = true;
        channel.eventLoop().execute(() -> {
            if (exchanges.isEmpty()) {
                channel.close();
            }
        });
    }

    private void closed() {
        goingAway = true;
        pool.remove(this);
        cancelIdleClose();
        for (Exchange exchange : List.copyOf(exchanges.values())) {
            exchange.fail(new UpstreamProtocolException(
                    "HTTP/2 connection to " + exchange.request.target() + " closed before the response ended", null));
        }
        exchanges.clear();
    }

    @Override
    public void close() {
        channel.close();
    }
}
