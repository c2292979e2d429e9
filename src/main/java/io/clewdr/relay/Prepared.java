package io.clewdr.relay;

import io.clewdr.config.Settings;
import io.clewdr.server.Exchange;
import io.clewdr.server.HttpError;
import io.clewdr.server.Request;
import io.clewdr.translate.AnthropicRequest;
import io.clewdr.translate.OpenAiToAnthropicRequest;
import io.clewdr.translate.TestMessage;
import io.clewdr.translate.TranslationException;
import java.time.InstantSource;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message request ready for a backend: read, translated to Anthropic when it came in OpenAI
 * form, checked and normalised, with the client side that will receive the answer. Every message
 * route starts here; a connection-test message is answered on the spot instead.
 *
 * @param body the normalised Anthropic request
 * @param side the client's protocol
 */
record Prepared(ObjectNode body, ClientSide side) {

    /**
     * Prepares an Anthropic Messages request.
     *
     * @param request the client request
     * @param exchange where a local answer goes
     * @param settings the settings in effect
     * @param passThrough whether upstream events reach the client unchanged
     * @return the prepared request, or empty when it was answered locally
     */
    static Optional<Prepared> anthropic(Request request, Exchange exchange, Settings settings, boolean passThrough) {
        ObjectNode body = Bodies.object(request);
        return ready(body, body.path("model").asString(""), new ClientSide.Anthropic(passThrough), exchange, settings);
    }

    /**
     * Prepares an OpenAI Chat Completions request.
     *
     * @param request the client request
     * @param exchange where a local answer goes
     * @param settings the settings in effect
     * @param tools how tools are carried to the backend
     * @param clock the clock for {@code created}
     * @return the prepared request, or empty when it was answered locally
     */
    static Optional<Prepared> openAi(
            Request request,
            Exchange exchange,
            Settings settings,
            OpenAiToAnthropicRequest.ToolHandling tools,
            InstantSource clock) {
        AnthropicRequest translated;
        try {
            translated = OpenAiToAnthropicRequest.create(tools).translate(Bodies.object(request));
        } catch (TranslationException e) {
            throw HttpError.badParam(e.param(), e.getMessage());
        }
        ClientSide side = new ClientSide.OpenAi(translated.context(), clock);
        return ready(translated.body(), translated.context().model(), side, exchange, settings);
    }

    private static Optional<Prepared> ready(
            ObjectNode body, String model, ClientSide side, Exchange exchange, Settings settings) {
        if (TestMessage.matches(body)) {
            exchange.json(200, side.complete(TestMessage.reply(model)));
            return Optional.empty();
        }
        Bodies.requireMessages(body);
        Bodies.normalise(body, settings);
        return Optional.of(new Prepared(body, side));
    }
}
