package io.clewdr.relay;

import io.clewdr.config.Settings;
import io.clewdr.credential.CookiePool;
import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.Outcome;
import io.clewdr.provider.Opened;
import io.clewdr.provider.claudeweb.EmptyRequestException;
import io.clewdr.server.Exchange;
import io.clewdr.server.Handler;
import io.clewdr.server.HttpError;
import io.clewdr.translate.OpenAiToAnthropicRequest;
import io.clewdr.translate.StopSequences;
import io.clewdr.translate.TokenEstimator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/messages} and {@code POST /v1/chat/completions} on the Claude.ai web backend:
 * normalise the request, run the attempt loop over the cookie pool, and relay the answer in the
 * client's protocol, with the requested model, stop sequences enforced as the Anthropic API does
 * and usage counted on every path.
 */
public final class WebRelay {
    private static final String BACKEND = "the Claude.ai web backend";

    private final WebBackend backend;
    private final CookiePool pool;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final AttemptLoop loop;

    private WebRelay(WebBackend backend, CookiePool pool, Supplier<Settings> settings, Clock clock) {
        this.backend = backend;
        this.pool = pool;
        this.settings = settings;
        this.clock = clock;
        this.loop = new AttemptLoop(pool, () -> settings.get().maxRetries(), clock);
    }

    /**
     * Creates the relay.
     *
     * @param backend the web backend
     * @param pool the cookie pool
     * @param settings the live settings
     * @param clock the clock
     * @return the relay
     */
    public static WebRelay create(WebBackend backend, CookiePool pool, Supplier<Settings> settings, Clock clock) {
        return new WebRelay(backend, pool, settings, clock);
    }

    /** @return the handler of {@code POST /v1/messages} */
    public Handler messages() {
        return (request, exchange) -> {
            Optional<Prepared> prepared = Prepared.anthropic(request, exchange, settings.get(), false);
            if (prepared.isPresent()) {
                relay(prepared.get().body(), prepared.get().side(), exchange);
            }
        };
    }

    /** @return the handler of {@code POST /v1/chat/completions} */
    public Handler chatCompletions() {
        return (request, exchange) -> {
            Optional<Prepared> prepared = Prepared.openAi(
                    request, exchange, settings.get(), OpenAiToAnthropicRequest.ToolHandling.FLATTEN_TO_TEXT, clock);
            if (prepared.isPresent()) {
                relay(prepared.get().body(), prepared.get().side(), exchange);
            }
        };
    }

    private void relay(ObjectNode body, ClientSide side, Exchange exchange) throws InterruptedException {
        String model = body.path("model").asString();
        boolean stream = Bodies.stream(body);
        StopSequences stops = StopSequences.from(body);
        long input = TokenEstimator.input(body);
        Served served = loop.run(null, cookie -> true, BACKEND, cookie -> {
            Opened opened;
            try {
                opened = backend.open(cookie, body.deepCopy(), stream);
            } catch (EmptyRequestException e) {
                throw HttpError.badParam("messages", e.getMessage());
            }
            if (opened instanceof Opened.Failed failed) {
                return Upstreams.failed(failed);
            }
            Opened.Accepted accepted = (Opened.Accepted) opened;
            UsageMeter meter = new UsageMeter(input);
            if (stream) {
                List<EventStage> stages = new ArrayList<>();
                stages.add(new WebPatchStage(model, input));
                if (!stops.isEmpty()) {
                    stages.add(new StopStage(stops));
                }
                return Upstreams.stream(
                        cookie,
                        accepted.response(),
                        stages,
                        side.encoder(),
                        meter,
                        () -> exchange.stream(200, "text/event-stream", List.of()));
            }
            return Upstreams.collect(cookie, accepted.response(), model, meter);
        });
        finish(served, side, exchange, model, stops, input);
    }

    private void finish(
            Served served, ClientSide side, Exchange exchange, String model, StopSequences stops, long input) {
        CookieStatus cookie = served.cookie();
        UsageMeter meter = served.meter();
        StreamRelay relay = served.stream();
        if (relay != null) {
            relay.whenFinished(ending -> {
                if (ending == StreamRelay.Ending.CLIENT_GONE) {
                    pool.report(cookie.cookie(), new Outcome.Cancelled());
                }
                pool.recordUsage(cookie.cookie(), model, meter.input(), meter.output());
            });
            return;
        }
        ObjectNode message = served.message();
        if (message == null) {
            throw new IllegalStateException("a served request has a stream or a message");
        }
        if (!stops.isEmpty()) {
            stops.cut(message);
        }
        if (!message.path("usage").path("output_tokens").isNumber()) {
            ObjectNode usage = message.putObject("usage");
            usage.put("input_tokens", input);
            usage.put("output_tokens", meter.output());
        }
        exchange.json(200, side.complete(message));
        pool.recordUsage(cookie.cookie(), model, meter.input(), meter.output());
    }
}
