package io.clewdr.relay;

import io.clewdr.config.Settings;
import io.clewdr.credential.CookiePool;
import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.Outcome;
import io.clewdr.provider.Failures;
import io.clewdr.provider.Opened;
import io.clewdr.provider.claudecode.CodeRequestShaper;
import io.clewdr.server.Exchange;
import io.clewdr.server.Handler;
import io.clewdr.server.HttpError;
import io.clewdr.server.Request;
import io.clewdr.translate.OpenAiToAnthropicRequest;
import io.clewdr.translate.TestMessage;
import io.clewdr.translate.TokenEstimator;
import io.clewdr.upstream.UpstreamResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /code/v1/messages}, {@code /code/v1/messages/count_tokens} and
 * {@code /code/v1/chat/completions} on the Claude Code backend: the request shaped as the CLI's
 * (billing block, {@code custom_system}, every other field the client sent kept), sticky routing by
 * the cached system prompt, the attempt loop, and the answer relayed unchanged to Anthropic clients
 * or translated (tools included) for OpenAI clients.
 */
public final class CodeRelay {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String BACKEND = "the Claude Code backend";
    private static final int MAX_BODY = 64 * 1024 * 1024;
    private static final String RATE_LIMIT_PREFIX = "anthropic-ratelimit-";
    private static final Predicate<CookieStatus> USABLE = cookie -> !cookie.codeUnusable();

    private final CodeBackend backend;
    private final CookiePool pool;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final String entrypoint;
    private final AttemptLoop loop;

    private CodeRelay(
            CodeBackend backend, CookiePool pool, Supplier<Settings> settings, Clock clock, String entrypoint) {
        this.backend = backend;
        this.pool = pool;
        this.settings = settings;
        this.clock = clock;
        this.entrypoint = entrypoint;
        this.loop = new AttemptLoop(pool, () -> settings.get().maxRetries(), clock);
    }

    /**
     * Creates the relay.
     *
     * @param backend the Claude Code backend
     * @param pool the cookie pool
     * @param settings the live settings
     * @param clock the clock
     * @param entrypoint the billing entrypoint ({@code CLAUDE_CODE_ENTRYPOINT}, default {@code cli})
     * @return the relay
     */
    public static CodeRelay create(
            CodeBackend backend, CookiePool pool, Supplier<Settings> settings, Clock clock, String entrypoint) {
        return new CodeRelay(backend, pool, settings, clock, entrypoint);
    }

    /** A complete non-streamed answer: the upstream's bytes and the headers worth keeping. */
    private record Body(CookieStatus cookie, int status, byte[] bytes, List<Map.Entry<String, String>> headers) {}

    /** @return the handler of {@code POST /code/v1/messages} */
    public Handler messages() {
        return (request, exchange) -> {
            Optional<Prepared> prepared = Prepared.anthropic(request, exchange, settings.get(), true);
            if (prepared.isPresent()) {
                relay(prepared.get(), request, exchange);
            }
        };
    }

    /** @return the handler of {@code POST /code/v1/chat/completions} */
    public Handler chatCompletions() {
        return (request, exchange) -> {
            Optional<Prepared> prepared = Prepared.openAi(
                    request, exchange, settings.get(), OpenAiToAnthropicRequest.ToolHandling.NATIVE, clock);
            if (prepared.isPresent()) {
                relay(prepared.get(), request, exchange);
            }
        };
    }

    /** @return the handler of {@code POST /code/v1/messages/count_tokens} */
    public Handler countTokens() {
        return (request, exchange) -> {
            ObjectNode body = Bodies.object(request);
            body.remove("stream");
            if (TestMessage.matches(body)) {
                exchange.json(200, estimate(TokenEstimator.input(body)));
                return;
            }
            Bodies.requireMessages(body);
            Bodies.normalise(body, settings.get());
            body.remove("max_tokens");
            CodeRequestShaper.Shaped shaped = shape(body);
            long input = TokenEstimator.input(shaped.body());
            byte[] bytes = JSON.writeValueAsBytes(shaped.body());
            List<String> betas = request.headers("anthropic-beta");
            Body answer = loop.run(hash(shaped), USABLE, BACKEND, cookie -> {
                if (cookie.countTokensAllowed().orElse(true).equals(false)) {
                    return done(cookie, estimate(input));
                }
                Opened opened = backend.countTokens(cookie, bytes, betas);
                if (opened instanceof Opened.Failed failed) {
                    boolean cannotCount = failed.outcome() instanceof Outcome.Success
                            && (failed.error().status() == 403 || failed.error().status() == 404);
                    return cannotCount ? done(cookie, estimate(input)) : Upstreams.failed(failed);
                }
                return read(cookie, ((Opened.Accepted) opened).response());
            });
            exchange.respond(answer.status(), "application/json", answer.bytes(), answer.headers());
        };
    }

    private void relay(Prepared prepared, Request request, Exchange exchange) throws InterruptedException {
        ObjectNode body = prepared.body();
        ClientSide side = prepared.side();
        String model = body.path("model").asString();
        boolean stream = Bodies.stream(body);
        CodeRequestShaper.Shaped shaped = shape(body);
        byte[] bytes = prepared.encode(shaped.body());
        // Read back from the bytes sent: the shaped tree may hold only the request's head.
        LongSupplier input = () -> TokenEstimator.input(JSON.readTree(bytes));
        List<String> betas = request.headers("anthropic-beta");
        if (stream) {
            Served served = loop.run(hash(shaped), USABLE, BACKEND, cookie -> {
                Opened opened = backend.messages(cookie, bytes, betas, true, null);
                if (opened instanceof Opened.Failed failed) {
                    return Upstreams.failed(failed);
                }
                return Upstreams.stream(
                        cookie,
                        ((Opened.Accepted) opened).response(),
                        List.of(),
                        side.encoder(),
                        new UsageMeter(input),
                        () -> exchange.stream(200, "text/event-stream", List.of()));
            });
            StreamRelay relay = served.stream();
            if (relay == null) {
                throw new IllegalStateException("a streamed request was served without a stream");
            }
            relay.whenFinished(ending -> {
                if (ending == StreamRelay.Ending.CLIENT_GONE) {
                    pool.report(served.cookie().cookie(), new Outcome.Cancelled());
                }
                account(served.cookie(), model, served.meter());
            });
            return;
        }
        // The client is answered from the event loop the moment the upstream's answer is in; this
        // thread then only does the bookkeeping (and answers itself if the loop could not).
        EarlyAnswer early = new EarlyAnswer(exchange, side);
        Body answer = loop.run(hash(shaped), USABLE, BACKEND, cookie -> {
            Opened opened = backend.messages(cookie, bytes, betas, false, early);
            if (opened instanceof Opened.Failed failed) {
                return Upstreams.failed(failed);
            }
            return read(cookie, ((Opened.Accepted) opened).response());
        });
        UsageMeter meter = new UsageMeter(input);
        // An OpenAI client's answer was parsed on the loop to be translated; an Anthropic client's
        // is relayed as bytes, so only its usage is read, unless it reported none.
        JsonNode message = early.message();
        if (message == null && !meter.observeUsage(answer.bytes())) {
            message = parse(answer.bytes());
        }
        if (message != null) {
            meter.observeMessage(message);
        }
        if (!exchange.committed()) {
            if (side instanceof ClientSide.Anthropic) {
                exchange.respond(answer.status(), "application/json", answer.bytes(), answer.headers());
            } else {
                JsonNode parsed = message != null ? message : parse(answer.bytes());
                if (parsed == null) {
                    throw HttpError.of(502, "Upstream error: the upstream answer is not JSON");
                }
                exchange.json(200, side.complete(parsed));
            }
        }
        account(answer.cookie(), model, meter);
    }

    private void account(CookieStatus cookie, String model, UsageMeter meter) {
        pool.recordUsage(cookie.cookie(), model, meter.input(), meter.output());
        backend.afterExchange(cookie.cookie());
    }

    private CodeRequestShaper.Shaped shape(ObjectNode body) {
        Settings s = settings.get();
        return CodeRequestShaper.create(s.customSystem(), s.upstream().claudeCodeVersion(), entrypoint)
                .shape(body);
    }

    private static @Nullable Long hash(CodeRequestShaper.Shaped shaped) {
        OptionalLong hash = shaped.systemPromptHash();
        return hash.isPresent() ? hash.getAsLong() : null;
    }

    /**
     * Answers the client on the event loop from a successful upstream answer whose body is in, as
     * {@link #relay} would: the upstream's bytes and rate-limit headers for an Anthropic client, the
     * translated message for an OpenAI one. A body that failed, is too large or is not JSON (for
     * OpenAI clients) is left to the request's thread, which answers with the error.
     */
    private static final class EarlyAnswer implements Consumer<UpstreamResponse> {
        private final Exchange exchange;
        private final ClientSide side;
        private volatile @Nullable JsonNode message;

        EarlyAnswer(Exchange exchange, ClientSide side) {
            this.exchange = exchange;
            this.side = side;
        }

        /** @return the answer as parsed on the loop (OpenAI clients), so it is not parsed twice */
        @Nullable
        JsonNode message() {
            return message;
        }

        @Override
        public void accept(UpstreamResponse response) {
            byte[] bytes;
            try {
                bytes = response.aggregate(MAX_BODY).getNow(null);
            } catch (CompletionException e) {
                return;
            }
            if (bytes == null) {
                return;
            }
            if (side instanceof ClientSide.Anthropic) {
                exchange.respond(response.status(), "application/json", bytes, kept(response));
                return;
            }
            JsonNode parsed = parse(bytes);
            if (parsed != null) {
                JsonNode translated = side.complete(parsed);
                message = parsed;
                exchange.json(200, translated);
            }
        }
    }

    private static Attempt.Result<Body> read(CookieStatus cookie, UpstreamResponse response) {
        try {
            byte[] bytes = response.aggregate(MAX_BODY).join();
            return new Attempt.Result.Done<>(new Body(cookie, response.status(), bytes, kept(response)));
        } catch (CompletionException e) {
            Opened.Failed failed = Failures.transport(e);
            return Upstreams.failed(failed);
        }
    }

    /** The upstream headers a client can use: rate-limit state, nothing about framing or encoding. */
    private static List<Map.Entry<String, String>> kept(UpstreamResponse response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> header : response.headers()) {
            String name = header.getKey();
            if (name.regionMatches(true, 0, RATE_LIMIT_PREFIX, 0, RATE_LIMIT_PREFIX.length())
                    || name.equalsIgnoreCase("retry-after")) {
                headers.add(Map.entry(name.toLowerCase(Locale.ROOT), header.getValue()));
            }
        }
        return headers;
    }

    private static Attempt.Result<Body> done(CookieStatus cookie, ObjectNode json) {
        return new Attempt.Result.Done<>(new Body(cookie, 200, JSON.writeValueAsBytes(json), List.of()));
    }

    private static ObjectNode estimate(long tokens) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("input_tokens", tokens);
        return answer;
    }

    private static @Nullable JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (JacksonException e) {
            return null;
        }
    }
}
