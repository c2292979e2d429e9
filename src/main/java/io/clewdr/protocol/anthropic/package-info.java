/**
 * Anthropic Messages API wire shapes: error bodies, SSE event names and JSON helpers. No I/O.
 */
package io.clewdr.protocol.anthropic;
