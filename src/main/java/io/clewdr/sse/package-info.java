/**
 * Server-Sent Events: a pure, chunk-fed decoder and an encoder that writes pre-encoded bytes.
 */
package io.clewdr.sse;
