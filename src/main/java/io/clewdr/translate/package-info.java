/**
 * One translator per (from, to, direction): requests, complete responses and streams. Pure: no
 * I/O; the only {@code io.clewdr} dependency is {@code sse}. Time comes in as an {@link
 * java.time.InstantSource}.
 *
 * <p>Starting points, OpenAI clients in front of Anthropic backends:
 *
 * <ul>
 *   <li>{@link io.clewdr.translate.OpenAiToAnthropicRequest}: Chat Completions request to Messages
 *       request, returning an {@link io.clewdr.translate.AnthropicRequest} (body plus the {@link
 *       io.clewdr.translate.OpenAiRequestContext} the response side needs); tools native or
 *       flattened to text for the Claude.ai web backend;
 *   <li>{@link io.clewdr.translate.AnthropicToOpenAiResponse}: a complete message to a {@code
 *       chat.completion};
 *   <li>{@link io.clewdr.translate.AnthropicToOpenAiStream}: one per streamed request, Anthropic
 *       events in, encoded {@code chat.completion.chunk} frames out, {@code endOfStream()} turns a
 *       cut upstream into an error chunk;
 *   <li>{@link io.clewdr.translate.TranslationException}: what cannot be translated, naming the
 *       offending parameter.
 * </ul>
 */
package io.clewdr.translate;
