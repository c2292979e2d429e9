/**
 * Gemini API wire shapes: error bodies and JSON helpers. No I/O.
 */
package io.clewdr.protocol.gemini;
