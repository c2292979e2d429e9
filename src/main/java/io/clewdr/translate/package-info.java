/**
 * One translator per (from, to, direction): requests, complete responses and streams. Pure.
 *
 * <p>Anthropic-side rules, starting points:
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
