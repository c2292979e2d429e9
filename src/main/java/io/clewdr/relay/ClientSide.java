package io.clewdr.relay;

import io.clewdr.translate.AnthropicToOpenAiResponse;
import io.clewdr.translate.AnthropicToOpenAiStream;
import io.clewdr.translate.OpenAiRequestContext;
import java.time.InstantSource;
import tools.jackson.databind.JsonNode;

/** What differs between an Anthropic client and an OpenAI client of the same Anthropic backend. */
sealed interface ClientSide {
    /** @return the encoder for one streamed response */
    ClientEncoder encoder();

    /**
     * The answer to a non-streaming request.
     *
     * @param message the complete Anthropic message
     * @return the body in the client's protocol
     */
    JsonNode complete(JsonNode message);

    /**
     * An Anthropic client.
     *
     * @param passThrough whether upstream events are re-emitted byte for byte (Claude Code) rather
     *     than re-encoded (the web path patches them)
     */
    record Anthropic(boolean passThrough) implements ClientSide {
        @Override
        public ClientEncoder encoder() {
            return passThrough ? new PassThroughEncoder() : new AnthropicEncoder();
        }

        @Override
        public JsonNode complete(JsonNode message) {
            return message;
        }
    }

    /**
     * An OpenAI client.
     *
     * @param context what the translation needs from the request
     * @param clock the clock for {@code created}
     */
    record OpenAi(OpenAiRequestContext context, InstantSource clock) implements ClientSide {
        @Override
        public ClientEncoder encoder() {
            return new OpenAiEncoder(AnthropicToOpenAiStream.create(context, clock));
        }

        @Override
        public JsonNode complete(JsonNode message) {
            return AnthropicToOpenAiResponse.create(clock).translate(message, context);
        }
    }
}
