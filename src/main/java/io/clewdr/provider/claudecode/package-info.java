/**
 * The Claude Code backend: Anthropic Messages requests sent to the official API with an OAuth token
 * minted from a Claude.ai cookie.
 *
 * <p>Starting points: {@link io.clewdr.provider.claudecode.ClaudeCodeBackend} (Messages,
 * count_tokens, the background quota-window probe, the usage listing), {@code TokenSource} (one
 * authorization or refresh per cookie at a time), {@code OAuthFlow} (bootstrap, authorize, token
 * exchange and refresh), {@code QuotaWindows} (the window rules),
 * {@link io.clewdr.provider.claudecode.CodeRequestShaper} (the billing-header system block, scope
 * stripping and the sticky system hash), {@link io.clewdr.provider.claudecode.AnthropicBeta} (the
 * merged {@code anthropic-beta} header).
 */
package io.clewdr.provider.claudecode;
