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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message request ready for a backend: read, translated to Anthropic when it came in OpenAI
 * form, checked and normalised, with the client side that will receive the answer. Every message
 * route starts here; a connection-test message is answered on the spot instead.
 *
 * @param body the normalised Anthropic request; when {@code raw} is set, its head only
 * @param side the client's protocol
 * @param raw the client's body when {@code body} is only its head, else null
 */
record Prepared(ObjectNode body, ClientSide side, @Nullable PassThroughBody raw) {
    private static final JsonMapper JSON = JsonMapper.shared();

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
        ClientSide side = new ClientSide.Anthropic(passThrough);
        // Messages and tools pass through untouched unless messages are to be sanitised: no tree for them.
        Optional<PassThroughBody.Split> split =
                passThrough && !settings.sanitizeMessages() ? PassThroughBody.split(request.body()) : Optional.empty();
        if (split.isPresent()) {
            ObjectNode head = split.get().head();
            return ready(
                    head,
                    head.path("model").asString(""),
                    side,
                    exchange,
                    settings,
                    split.get().body());
        }
        ObjectNode body = Bodies.object(request);
        return ready(body, body.path("model").asString(""), side, exchange, settings, null);
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
        return ready(translated.body(), translated.context().model(), side, exchange, settings, null);
    }

    /**
     * The request to send upstream, once the backend has shaped {@link #body}.
     *
     * @param shaped the body after shaping (the same tree, changed in place, or its replacement)
     * @return the request's bytes
     */
    byte[] encode(ObjectNode shaped) {
        return raw == null ? JSON.writeValueAsBytes(shaped) : raw.join(shaped);
    }

    private static Optional<Prepared> ready(
            ObjectNode body,
            String model,
            ClientSide side,
            Exchange exchange,
            Settings settings,
            @Nullable PassThroughBody raw) {
        // A head holds all the messages when the array has one (the leading messages end at the first).
        if ((raw == null || raw.messageCount() == 1) && TestMessage.matches(body)) {
            exchange.json(200, side.complete(TestMessage.reply(model)));
            return Optional.empty();
        }
        Bodies.requireMessages(body);
        Bodies.normalise(body, settings);
        return Optional.of(new Prepared(body, side, raw));
    }
}
