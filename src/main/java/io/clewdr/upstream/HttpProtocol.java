package io.clewdr.upstream;

/** The HTTP version an exchange used: chosen by ALPN for https, always HTTP/1.1 for plain http. */
public enum HttpProtocol {
    /** HTTP/1.1 on a pooled keep-alive connection. */
    HTTP_1_1,
    /** HTTP/2: one stream on a multiplexed connection. */
    HTTP_2
}
