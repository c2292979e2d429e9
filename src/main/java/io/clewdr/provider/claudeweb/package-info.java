/**
 * The Claude.ai web backend: turning an Anthropic request into Claude.ai's conversation and completion
 * calls.
 *
 * <p>Starting points: {@link io.clewdr.provider.claudeweb.PromptFlattener} (the request as one prompt
 * text plus inline images), {@link io.clewdr.provider.claudeweb.WebCompletionBody} (the completion JSON).
 */
package io.clewdr.provider.claudeweb;
