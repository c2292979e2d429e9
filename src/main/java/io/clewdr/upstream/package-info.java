/**
 * The outbound HTTP client on Netty: HTTP/1.1 and HTTP/2 via ALPN, pooling, proxies, timeouts and streaming bodies.
 */
package io.clewdr.upstream;
