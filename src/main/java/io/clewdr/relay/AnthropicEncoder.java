package io.clewdr.relay;

import io.clewdr.protocol.anthropic.AnthropicErrors;
import io.clewdr.sse.SseEncoder;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** Frames Anthropic events for an Anthropic client: {@code event: <name>} plus the JSON data. */
final class AnthropicEncoder implements ClientEncoder {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final byte[] PING = SseEncoder.event("ping", "{\"type\": \"ping\"}");

    @Override
    public List<byte[]> encode(Event event) {
        return List.of(SseEncoder.event(event.name(), JSON.writeValueAsString(event.data())));
    }

    @Override
    public List<byte[]> end(boolean complete, String errorMessage) {
        if (complete) {
            return List.of();
        }
        return List.of(error("api_error", errorMessage));
    }

    static byte[] error(String type, String message) {
        return SseEncoder.event("error", JSON.writeValueAsString(AnthropicErrors.body(type, message)));
    }

    @Override
    public byte[] keepAlive() {
        return PING.clone();
    }
}
