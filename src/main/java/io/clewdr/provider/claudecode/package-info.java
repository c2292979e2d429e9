/**
 * The Claude Code backend: Anthropic Messages requests sent to the official API with an OAuth token
 * minted from a Claude.ai cookie.
 *
 * <p>Starting points: {@link io.clewdr.provider.claudecode.CodeRequestShaper} (the billing-header
 * system block, scope stripping and the sticky system hash),
 * {@link io.clewdr.provider.claudecode.AnthropicBeta} (the merged {@code anthropic-beta} header).
 */
package io.clewdr.provider.claudecode;
