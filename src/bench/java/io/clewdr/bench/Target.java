package io.clewdr.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One system and path under test: where to send, which headers, and which protocol the body speaks.
 *
 * @param name the row name, e.g. {@code clewdr-code}
 * @param system the process that serves it ({@code mock}, {@code nginx}, {@code portkey}, {@code clewdr})
 * @param port its loopback port
 * @param path the request path
 * @param headers the extra request headers (auth, provider selection)
 * @param openAi whether the body is OpenAI Chat Completions (else Anthropic Messages)
 */
record Target(String name, String system, int port, String path, Map<String, String> headers, boolean openAi) {

    /** A short non-streaming request in this target's protocol. */
    byte[] jsonBody() {
        return body(false, "Say hello.");
    }

    /** A streaming request asking the mock for {@code pace}. */
    byte[] streamBody(Pace pace) {
        return body(true, "Count for me. " + pace.marker());
    }

    private byte[] body(boolean stream, String text) {
        // The same shape is a valid Messages and a valid Chat Completions request.
        String json = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
