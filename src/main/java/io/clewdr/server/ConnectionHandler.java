package io.clewdr.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per connection: decodes a complete request, answers preflights, enforces the admin origin rule
 * and authentication, then runs the route's handler on a virtual thread: one carried by this
 * connection's event loop for LLM requests with small bodies (see {@link LoopThreads}), one on the
 * JDK's shared carriers for the admin API and large bodies.
 */
final class ConnectionHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    private final Router router;
    private final Supplier<Passwords> passwords;
    private final ExecutorService handlers;
    private final @Nullable Executor onLoop;
    private final InFlight inFlight;
    private volatile @Nullable ResponseStream stream;

    /**
     * @param handlers the shared virtual-thread executor
     * @param onLoop virtual threads carried by this connection's event loop, or null to use only
     *     {@code handlers}
     */
    ConnectionHandler(
            Router router,
            Supplier<Passwords> passwords,
            ExecutorService handlers,
            @Nullable Executor onLoop,
            InFlight inFlight) {
        this.router = router;
        this.passwords = passwords;
        this.handlers = handlers;
        this.onLoop = onLoop;
        this.inFlight = inFlight;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        long started = System.nanoTime();
        QueryStringDecoder uri = new QueryStringDecoder(msg.uri());
        String method = msg.method().name();
        Request request = new Request(
                RequestIds.next(),
                method,
                uri.path(),
                uri.parameters(),
                // The decoder gives every request a headers object of its own, and only the
                // body is released when this method returns: the request can keep them.
                msg.headers(),
                ByteBufUtil.getBytes(msg.content()),
                ctx.channel().remoteAddress());
        boolean keepAlive = HttpUtil.isKeepAlive(msg);

        if (method.equals("OPTIONS") && msg.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            preflight(ctx, request, keepAlive);
            return;
        }
        Router.Match match = router.match(method, request.path());
        Protocol protocol =
                match instanceof Router.Match.Found f ? f.route().protocol() : Protocol.guess(request.path());
        boolean cors = match instanceof Router.Match.Found f && f.route().cors();
        String origin = cors ? request.header("origin") : null;
        Exchange exchange =
                new Exchange(ctx.channel(), request, protocol, keepAlive, origin, new Exchange.ExchangeListener() {
                    private int status;

                    @Override
                    public void started(Exchange ex, int status, @Nullable ResponseStream s) {
                        stream = s;
                        this.status = status;
                    }

                    @Override
                    public void finished(Exchange ex) {
                        stream = null;
                        inFlight.leave();
                        // Logged once the answer is out, so the line costs the client nothing and
                        // its time covers the whole answer, streams included.
                        LOG.info(
                                "{} {} {} {} {}ms",
                                request.id(),
                                method,
                                request.path(),
                                status,
                                (System.nanoTime() - started) / 1_000_000);
                    }
                });
        inFlight.enter();
        switch (match) {
            case Router.Match.NotFound n ->
                exchange.error(HttpError.of(404, "Not found: " + method + " " + request.path()));
            case Router.Match.WrongMethod w ->
                exchange.error(new HttpError(
                        405,
                        "Method " + method + " is not allowed on " + request.path(),
                        null,
                        null,
                        List.of(Map.entry("allow", String.join(", ", w.allowed())))));
            case Router.Match.Found f -> dispatch(f.route(), request, exchange);
        }
    }

    private void dispatch(Route route, Request request, Exchange exchange) {
        if (!route.cors() && !CorsPolicy.sameOriginOrNone(request.headers())) {
            exchange.error(HttpError.of(403, "Cross-origin requests to the admin API are not allowed"));
            return;
        }
        if (!route.auth().permits(request, passwords.get())) {
            // Never log what was presented: it may be a mistyped real password.
            LOG.warn("{} rejected: invalid credentials for {}", request.id(), request.path());
            exchange.error(HttpError.of(401, "Key/Password Invalid"));
            return;
        }
        Executor executor = onLoop != null && request.body().length <= route.loopBodyLimit() ? onLoop : handlers;
        executor.execute(() -> {
            try {
                route.handler().handle(request, exchange);
            } catch (HttpError e) {
                answerFailure(exchange, request, e);
            } catch (Exception | Error e) {
                LOG.error("{} failed: {}", request.id(), e.toString(), e);
                answerFailure(
                        exchange,
                        request,
                        HttpError.of(500, "Internal error: " + e.getClass().getSimpleName()));
            }
        });
    }

    private static void answerFailure(Exchange exchange, Request request, HttpError error) {
        if (exchange.committed()) {
            LOG.warn("{} failed after the response started: {}", request.id(), error.getMessage());
            return;
        }
        exchange.error(error);
    }

    private void preflight(ChannelHandlerContext ctx, Request request, boolean keepAlive) {
        boolean allowed = router.anyAt(request.path()).map(Route::cors).orElse(false);
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, allowed ? HttpResponseStatus.NO_CONTENT : HttpResponseStatus.FORBIDDEN);
        if (allowed) {
            response.headers()
                    .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, CorsPolicy.ALLOWED_METHODS)
                    .set(
                            HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                            CorsPolicy.allowedRequestHeaders(
                                    request.header(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS.toString())))
                    .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
        }
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        ctx.writeAndFlush(response).addListener(f -> {
            if (!keepAlive) {
                ctx.close();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ResponseStream current = stream;
        if (current != null) {
            current.channelClosed();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        ResponseStream current = stream;
        if (current != null) {
            current.writabilityChanged();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection error: {}", cause.toString());
        ctx.close();
    }
}
