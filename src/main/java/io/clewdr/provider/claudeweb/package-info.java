/**
 * The Claude.ai web backend: turning an Anthropic request into Claude.ai's conversation and completion
 * calls.
 *
 * <p>Starting points: {@link io.clewdr.provider.claudeweb.ClaudeWebBackend} (one attempt with one
 * cookie: bootstrap, organizations, conversation, thinking mode, uploads, completion; and the web
 * usage fallback), {@link io.clewdr.provider.claudeweb.PromptFlattener} (the request as one prompt
 * text plus inline images), {@link io.clewdr.provider.claudeweb.WebCompletionBody} (the completion
 * JSON). Internally {@code WebCalls} holds the headers and error classification of every call and
 * {@code WebAccount} the bootstrap checks.
 */
package io.clewdr.provider.claudeweb;
