package io.clewdr.relay;

import io.clewdr.sse.SseEncoder;
import io.clewdr.translate.AnthropicToOpenAiStream;
import java.util.List;

/** Frames for an OpenAI client: Anthropic events translated into {@code chat.completion.chunk}s. */
final class OpenAiEncoder implements ClientEncoder {
    private final AnthropicToOpenAiStream translator;

    OpenAiEncoder(AnthropicToOpenAiStream translator) {
        this.translator = translator;
    }

    @Override
    public List<byte[]> encode(Event event) {
        return translator.onEvent(event.name(), event.data());
    }

    @Override
    public List<byte[]> end(boolean complete, String errorMessage) {
        // A clean stream already produced its finish chunk and [DONE] at message_stop; anything else
        // was cut, and the translator turns that into an error chunk.
        return translator.finished() ? List.of() : translator.endOfStream();
    }

    @Override
    public byte[] keepAlive() {
        return SseEncoder.keepAlive();
    }
}
