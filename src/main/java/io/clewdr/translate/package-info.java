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
 *
 * <p>Anthropic-side rules:
 *
 * <ul>
 *   <li>{@link io.clewdr.translate.ModelRules}: the {@code -thinking} suffix and the per-model request
 *       rules (thinking, budget, effort, sampling, empty system), with {@link io.clewdr.translate.ModelTraits};
 *   <li>{@link io.clewdr.translate.StopSequences} and {@link io.clewdr.translate.StopSequenceFilter}:
 *       stop sequences enforced locally, as the Anthropic API does, on messages and streams;
 *   <li>{@link io.clewdr.translate.AnthropicMessageAccumulator}: the final message of an Anthropic stream;
 *   <li>{@link io.clewdr.translate.TokenEstimator}: o200k_base input and output estimates;
 *   <li>{@link io.clewdr.translate.TestMessage}: the local answer to a client's connection test.
 * </ul>
 */
package io.clewdr.translate;
