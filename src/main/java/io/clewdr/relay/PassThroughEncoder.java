package io.clewdr.relay;

import io.clewdr.sse.SseEncoder;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Frames for an Anthropic client of an Anthropic upstream: the upstream's own events, re-emitted
 * unchanged (name, data, {@code id}, {@code retry}); only events a stage synthesized are encoded anew.
 */
final class PassThroughEncoder implements ClientEncoder {
    private static final JsonMapper JSON = JsonMapper.shared();
    private final AnthropicEncoder fallback = new AnthropicEncoder();

    @Override
    public List<byte[]> encode(Event event) {
        if (event.raw() != null) {
            return List.of(SseEncoder.encode(event.raw()));
        }
        return List.of(SseEncoder.event(event.name(), JSON.writeValueAsString(event.data())));
    }

    @Override
    public List<byte[]> end(boolean complete, String errorMessage) {
        return fallback.end(complete, errorMessage);
    }

    @Override
    public byte[] keepAlive() {
        return fallback.keepAlive();
    }

    @Override
    public boolean relaysUpstreamBytes() {
        return true;
    }
}
