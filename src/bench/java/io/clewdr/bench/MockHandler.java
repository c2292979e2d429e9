package io.clewdr.bench;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mock's routes: the Messages API (JSON and SSE), the Claude Code OAuth endpoints, and the
 * Claude.ai web calls ({@code api/bootstrap}, {@code api/organizations}, conversation create and
 * settings, {@code completion}). Every answer is canned; a request that lacks what a real upstream
 * needs (credentials, a parseable body with messages) gets a 400, so a proxy that forwarded the
 * wrong thing shows up as errors rather than as a fast pass.
 */
final class MockHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(MockHandler.class);
    private static final JsonMapper JSON = JsonMapper.shared();

    /** The organization of the bench account; the generated ClewdR token names it too. */
    static final String ORG = "5b1e7c2a-0d4f-4c3e-9a8b-6f2d1e0c9b7a";

    private static final String CONV = "/chat_conversations";
    private final MockStats stats;

    MockHandler(MockStats stats) {
        this.stats = stats;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        long arrival = System.nanoTime();
        String uri = req.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        HttpMethod method = req.method();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String body = req.content().toString(StandardCharsets.UTF_8);
        stats.count(method.name() + " " + normalise(path));
        try {
            route(ctx, req, method, path, body, keepAlive, arrival);
        } catch (JacksonException e) {
            reply(ctx, 400, error("invalid_request_error", "body is not JSON"), keepAlive);
        }
    }

    private void route(
            ChannelHandlerContext ctx,
            FullHttpRequest req,
            HttpMethod method,
            String path,
            String body,
            boolean keepAlive,
            long arrival) {
        boolean post = method.equals(HttpMethod.POST);
        boolean get = method.equals(HttpMethod.GET);
        if (post && path.equals("/v1/messages")) {
            messages(ctx, req, body, keepAlive, arrival);
        } else if (post && path.equals("/v1/messages/count_tokens")) {
            reply(ctx, 200, "{\"input_tokens\":12}", keepAlive);
        } else if (post && path.equals("/v1/oauth/token")) {
            reply(ctx, 200, token(), keepAlive);
        } else if (post && path.startsWith("/v1/oauth/") && path.endsWith("/authorize")) {
            reply(
                    ctx,
                    200,
                    "{\"redirect_uri\":\"https://console.anthropic.com/oauth/code/callback"
                            + "?code=bench-code&state=bench-state\"}",
                    keepAlive);
        } else if (get && (path.equals("/api/oauth/usage") || path.endsWith("/usage"))) {
            reply(ctx, 200, usage(), keepAlive);
        } else if (get && path.equals("/api/bootstrap")) {
            reply(ctx, 200, bootstrap(), keepAlive);
        } else if (get && path.equals("/api/organizations")) {
            reply(ctx, 200, "[" + organization() + "]", keepAlive);
        } else if (path.startsWith("/api/organizations/") && path.contains(CONV)) {
            web(ctx, method, path, body, keepAlive, arrival);
        } else if (get && path.equals("/_bench/stats")) {
            reply(ctx, 200, stats.json(), keepAlive);
        } else if (get && path.equals("/_bench/ping")) {
            reply(ctx, 200, "{\"ok\":true}", keepAlive);
        } else {
            LOG.warn("Mock: no route for {} {}", method, path);
            reply(ctx, 404, error("not_found_error", "no mock route"), keepAlive);
        }
    }

    private void messages(ChannelHandlerContext ctx, FullHttpRequest req, String body, boolean keepAlive, long at) {
        if (!req.headers().contains("x-api-key") && !req.headers().contains(HttpHeaderNames.AUTHORIZATION)) {
            reply(ctx, 401, error("authentication_error", "no credentials"), keepAlive);
            return;
        }
        JsonNode root = JSON.readTree(body);
        if (!root.path("messages").isArray() || !root.path("model").isString()) {
            reply(ctx, 400, error("invalid_request_error", "not a Messages request"), keepAlive);
            return;
        }
        String model = root.get("model").stringValue();
        if (root.path("stream").asBoolean(false)) {
            MockStream.start(ctx, Pace.from(body), MockStream.Shape.API, model, keepAlive, at);
        } else {
            reply(ctx, 200, SseWire.message(model), keepAlive);
        }
    }

    private void web(
            ChannelHandlerContext ctx, HttpMethod method, String path, String body, boolean keepAlive, long at) {
        if (method.equals(HttpMethod.POST) && path.endsWith("/completion")) {
            JsonNode root = JSON.readTree(body);
            if (!root.path("attachments").isArray()) {
                reply(ctx, 400, error("invalid_request_error", "not a completion request"), keepAlive);
                return;
            }
            boolean raw = !"messages".equals(root.path("rendering_mode").asString(""));
            String model = root.path("model").isString() ? root.get("model").stringValue() : "claude-sonnet-4-5";
            if (raw) {
                MockStream.start(ctx, Pace.from(body), MockStream.Shape.WEB_RAW, model, keepAlive, at);
            } else {
                MockStream.start(ctx, Pace.from(body), MockStream.Shape.WEB_MESSAGES, model, keepAlive, at);
            }
        } else if (method.equals(HttpMethod.POST) && path.endsWith(CONV)) {
            JsonNode root = JSON.readTree(body);
            String uuid = root.path("uuid").asString("c0ffee00-0000-4000-8000-000000000000");
            reply(
                    ctx,
                    201,
                    "{\"uuid\":\"" + uuid + "\",\"name\":\"\",\"settings\":{\"paprika_mode\":null}}",
                    keepAlive);
        } else if (method.equals(HttpMethod.PUT)) {
            reply(ctx, 202, "{\"settings\":{\"paprika_mode\":null}}", keepAlive);
        } else if (method.equals(HttpMethod.DELETE)) {
            reply(ctx, 204, "", keepAlive);
        } else {
            reply(ctx, 404, error("not_found_error", "no mock route"), keepAlive);
        }
    }

    private static String normalise(String path) {
        return path.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}");
    }

    static void reply(ChannelHandlerContext ctx, int status, String json, boolean keepAlive) {
        FullHttpResponse res = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)));
        res.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes())
                .set("request-id", "req_bench");
        if (!keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(res);
        }
    }

    private static String error(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }

    private static String token() {
        return "{\"access_token\":\"sk-ant-oat01-bench-access\",\"token_type\":\"Bearer\",\"expires_in\":86400,"
                + "\"refresh_token\":\"sk-ant-ort01-bench-refresh\",\"scope\":\"user:inference user:profile\","
                + "\"organization\":{\"uuid\":\"" + ORG + "\"}}";
    }

    private static String usage() {
        String later = Instant.ofEpochSecond(System.currentTimeMillis() / 1000 + 86_400)
                .toString();
        String window = "{\"utilization\":1.0,\"resets_at\":\"" + later + "\"}";
        return "{\"five_hour\":" + window + ",\"seven_day\":" + window + ",\"seven_day_sonnet\":" + window + "}";
    }

    private static String organization() {
        return "{\"uuid\":\"" + ORG + "\",\"name\":\"Bench org\",\"capabilities\":[\"chat\",\"claude_pro\"],"
                + "\"active_flags\":[]}";
    }

    private static String bootstrap() {
        return "{\"account\":{\"uuid\":\"0e5c3b9a-7f1d-4e2a-8c6b-1a2b3c4d5e6f\",\"email_address\":"
                + "\"bench@example.com\",\"memberships\":[{\"organization\":" + organization() + "}]}}";
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
