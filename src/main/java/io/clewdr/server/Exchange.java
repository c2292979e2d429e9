package io.clewdr.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answering side of one request: exactly one plain response or one stream. Safe to call from
 * any thread; Netty hands the writes to the channel's event loop.
 */
public final class Exchange {
    private static final JsonMapper JSON = JsonMapper.shared();

    private final Channel channel;
    private final Request request;
    private final Protocol protocol;
    private final boolean keepAlive;
    private final boolean head;
    private final @Nullable String corsOrigin;
    private final ExchangeListener listener;
    private final AtomicBoolean committed = new AtomicBoolean();

    /** What the connection handler learns from an exchange. */
    interface ExchangeListener {
        /** The response started with this status. */
        void started(Exchange exchange, int status, @Nullable ResponseStream stream);

        /** The response is complete (or the connection closed under it). */
        void finished(Exchange exchange);
    }

    Exchange(
            Channel channel,
            Request request,
            Protocol protocol,
            boolean keepAlive,
            @Nullable String corsOrigin,
            ExchangeListener listener) {
        this.channel = channel;
        this.request = request;
        this.protocol = protocol;
        this.keepAlive = keepAlive;
        this.head = request.method().equals("HEAD");
        this.corsOrigin = corsOrigin;
        this.listener = listener;
    }

    /** @return the protocol of the route, for errors rendered by callers */
    public Protocol protocol() {
        return protocol;
    }

    /** @return whether a response or stream has been started */
    public boolean committed() {
        return committed.get();
    }

    /**
     * Sends a complete response.
     *
     * @param status the HTTP status
     * @param contentType the content type, or null for none
     * @param body the body
     * @param headers extra headers
     */
    public void respond(
            int status, @Nullable String contentType, byte[] body, List<Map.Entry<String, String>> headers) {
        claim();
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        HttpHeaders h = response.headers();
        if (contentType != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        decorate(h, headers);
        listener.started(this, status, null);
        channel.writeAndFlush(response).addListener((ChannelFutureListener) f -> {
            listener.finished(this);
            if (!keepAlive || !f.isSuccess()) {
                f.channel().close();
            }
        });
    }

    /**
     * Sends a JSON response.
     *
     * @param status the HTTP status
     * @param body the JSON body
     */
    public void json(int status, JsonNode body) {
        json(status, body, List.of());
    }

    /**
     * Sends a JSON response with extra headers.
     *
     * @param status the HTTP status
     * @param body the JSON body
     * @param headers extra headers
     */
    public void json(int status, JsonNode body, List<Map.Entry<String, String>> headers) {
        respond(status, "application/json", JSON.writeValueAsBytes(body), headers);
    }

    /**
     * Sends a plain-text response.
     *
     * @param status the HTTP status
     * @param text the body
     */
    public void text(int status, String text) {
        respond(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), List.of());
    }

    /**
     * Sends a response without a body.
     *
     * @param status the HTTP status
     */
    public void empty(int status) {
        respond(status, null, new byte[0], List.of());
    }

    /**
     * Sends an error in the route's protocol.
     *
     * @param error the error
     */
    public void error(HttpError error) {
        respond(
                error.status(),
                "application/json",
                protocol.errorBody(error.status(), error.getMessage(), error.type(), error.param()),
                error.headers());
    }

    /**
     * Starts a streaming response (chunked transfer encoding). Used for SSE; the caller writes
     * events through the returned stream and ends it.
     *
     * @param status the HTTP status
     * @param contentType the content type, e.g. {@code text/event-stream}
     * @param headers extra headers
     * @return the stream
     */
    public ResponseStream stream(int status, String contentType, List<Map.Entry<String, String>> headers) {
        claim();
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        HttpHeaders h = response.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        h.set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        h.set("x-accel-buffering", "no");
        decorate(h, headers);
        ResponseStream stream = new ResponseStream(channel, keepAlive, () -> listener.finished(this));
        listener.started(this, status, stream);
        channel.writeAndFlush(response);
        if (!channel.isActive()) {
            // The client left before its stream began: the connection's close has passed and will
            // not end this stream, so it ends here, or the request would stay in flight for good
            // (and the server never counts as quiet again).
            stream.channelClosed();
        }
        return stream;
    }

    private void claim() {
        if (!committed.compareAndSet(false, true)) {
            throw new IllegalStateException("a response was already sent for " + request);
        }
    }

    private void decorate(HttpHeaders h, List<Map.Entry<String, String>> headers) {
        for (Map.Entry<String, String> header : headers) {
            h.add(header.getKey(), header.getValue());
        }
        h.set("request-id", request.id());
        if (corsOrigin != null) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            h.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, CorsPolicy.EXPOSED_HEADERS);
        }
        if (!keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
    }
}
