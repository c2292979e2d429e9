package io.clewdr.relay;

import io.clewdr.credential.CookieStatus;
import io.clewdr.credential.Outcome;
import io.clewdr.provider.ClaudeErrors;
import io.clewdr.provider.Opened;
import io.clewdr.provider.UpstreamError;
import io.clewdr.server.HttpError;
import io.clewdr.server.ResponseStream;
import io.clewdr.upstream.UpstreamResponse;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The steps every Anthropic-shaped try shares: turning upstream results into attempt results. */
final class Upstreams {
    private Upstreams() {}

    static HttpError toHttp(UpstreamError error) {
        return new HttpError(error.status(), error.message(), error.type(), null, error.headers());
    }

    static <T> Attempt.Result<T> failed(Opened.Failed failed) {
        HttpError error = toHttp(failed.error());
        return failed.retryable()
                ? new Attempt.Result.Retry<>(failed.outcome(), error)
                : new Attempt.Result.Fail<>(failed.outcome(), error);
    }

    static <T> Attempt.Result<T> errorEvent(JsonNode data) {
        return failed(ClaudeErrors.errorEvent(data));
    }

    static <T> Attempt.Result<T> broken(String why) {
        return new Attempt.Result.Retry<>(new Outcome.Transient(why), HttpError.of(502, "Upstream error: " + why));
    }

    /** Streams an accepted response to the client, holding the commit point until the first event. */
    static Attempt.Result<Served> stream(
            CookieStatus cookie,
            UpstreamResponse response,
            List<EventStage> stages,
            ClientEncoder encoder,
            UsageMeter meter,
            Supplier<ResponseStream> opener) {
        StreamRelay relay = new StreamRelay(response, stages, encoder, meter, opener).begin();
        StreamRelay.EarlyFailure early = relay.started().join();
        return switch (early) {
            case null -> new Attempt.Result.Done<>(new Served(cookie, relay, null, meter));
            case StreamRelay.EarlyFailure.ErrorEvent e -> errorEvent(e.data());
            case StreamRelay.EarlyFailure.Broken b -> broken(b.why());
        };
    }

    /** Collects an accepted event stream into one message. */
    static Attempt.Result<Served> collect(
            CookieStatus cookie, UpstreamResponse response, String model, UsageMeter meter) {
        MessageCollector.Collected collected =
                new MessageCollector(response, model).collect().join();
        return switch (collected) {
            case MessageCollector.Collected.Message m -> {
                ObjectNode message = m.message();
                meter.observeMessage(message);
                yield new Attempt.Result.Done<>(new Served(cookie, null, message, meter));
            }
            case MessageCollector.Collected.ErrorEvent e -> errorEvent(e.data());
            case MessageCollector.Collected.Broken b -> broken(b.why());
        };
    }
}
