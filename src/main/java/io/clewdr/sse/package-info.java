/**
 * Server-Sent Events: a pure, chunk-fed decoder and an encoder that writes pre-encoded bytes.
 *
 * <p>Starting points:
 *
 * <ul>
 *   <li>{@link io.clewdr.sse.SseEvent}: one event (name, data, id, retry), the unit that flows;
 *   <li>{@link io.clewdr.sse.SseDecoder}: bytes in as they arrive (LF/CR/CRLF, UTF-8 split anywhere,
 *       line-length limit), events out through a callback, {@code end()} reports a cut stream;
 *   <li>{@link io.clewdr.sse.SseEncoder}: event to bytes, keep-alive comment, {@code data: [DONE]}.
 * </ul>
 *
 * <p>Nothing here does I/O or depends on another {@code io.clewdr} package.
 */
package io.clewdr.sse;
