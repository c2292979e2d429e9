package io.clewdr.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.TimeUnit;

/**
 * One SSE answer of the mock: the opening events at once, then the content deltas on absolute
 * deadlines ({@code arrival + T0 + k·Δ}) scheduled on the channel's event loop, then the closing
 * events. A zero-delay stream is written in one flush.
 */
final class MockStream {
    /** Which stream shape to send. */
    enum Shape {
        /** Messages API events. */
        API,
        /** Claude.ai {@code rendering_mode: messages}: the API events plus {@code message_limit}. */
        WEB_MESSAGES,
        /** Claude.ai {@code rendering_mode: raw}: legacy {@code completion} events. */
        WEB_RAW
    }

    private final ChannelHandlerContext ctx;
    private final Pace pace;
    private final Shape shape;
    private final String model;
    private final boolean keepAlive;
    private final long arrivalNanos;

    private MockStream(
            ChannelHandlerContext ctx, Pace pace, Shape shape, String model, boolean keepAlive, long arrivalNanos) {
        this.ctx = ctx;
        this.pace = pace;
        this.shape = shape;
        this.model = model;
        this.keepAlive = keepAlive;
        this.arrivalNanos = arrivalNanos;
    }

    /** Starts the answer; it runs to its end on the channel's event loop. */
    static void start(
            ChannelHandlerContext ctx, Pace pace, Shape shape, String model, boolean keepAlive, long arrivalNanos) {
        new MockStream(ctx, pace, shape, model, keepAlive, arrivalNanos).begin();
    }

    private void begin() {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                .set("request-id", "req_bench");
        if (!keepAlive) {
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.write(head);
        if (!pace.paced()) {
            StringBuilder all = new StringBuilder(opening());
            if (shape == Shape.WEB_RAW) {
                // A non-streaming web call concatenates the completions: make that the reply text.
                all.append(SseWire.completion(SseWire.REPLY_TEXT, model, false));
            } else {
                for (int seq = 0; seq < pace.deltas(); seq++) {
                    all.append(delta(seq, arrivalNanos));
                }
            }
            all.append(closing());
            ctx.write(chunk(all));
            finish();
            return;
        }
        ctx.writeAndFlush(chunk(opening()));
        schedule(0);
    }

    private void schedule(int seq) {
        long deadline = arrivalNanos + pace.offsetNanos(seq);
        long delay = deadline - System.nanoTime();
        ctx.executor().schedule(() -> send(seq, deadline), Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    private void send(int seq, long deadline) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (seq + 1 < pace.deltas()) {
            ctx.writeAndFlush(chunk(delta(seq, deadline)));
            schedule(seq + 1);
        } else {
            ctx.write(chunk(delta(seq, deadline) + closing()));
            finish();
        }
    }

    private void finish() {
        var done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!keepAlive) {
            done.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private String opening() {
        return switch (shape) {
            case API -> SseWire.messageStart(model, false);
            case WEB_MESSAGES -> SseWire.messageStart(model, true);
            case WEB_RAW -> "";
        };
    }

    private String delta(int seq, long scheduledNanos) {
        String text = SseWire.deltaText(seq, scheduledNanos);
        return shape == Shape.WEB_RAW ? SseWire.completion(text, model, false) : SseWire.textDelta(text);
    }

    private String closing() {
        return switch (shape) {
            case API -> SseWire.messageEnd(pace.deltas(), false);
            case WEB_MESSAGES -> SseWire.messageEnd(pace.deltas(), true);
            case WEB_RAW -> SseWire.completion("", model, true);
        };
    }

    private DefaultHttpContent chunk(CharSequence text) {
        ByteBuf buf = ByteBufUtil.writeUtf8(ctx.alloc(), text);
        return new DefaultHttpContent(buf);
    }
}
