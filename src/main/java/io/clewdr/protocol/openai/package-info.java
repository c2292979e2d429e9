/**
 * OpenAI Chat Completions wire shapes: error bodies, chunks and JSON helpers. No I/O.
 */
package io.clewdr.protocol.openai;
