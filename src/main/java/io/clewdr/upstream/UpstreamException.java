package io.clewdr.upstream;

/**
 * Why an upstream exchange failed before or during the response. Messages never contain a
 * password, cookie or token: proxy URLs are shown with their credentials masked.
 */
public abstract sealed class UpstreamException extends RuntimeException
        permits UpstreamTimeoutException,
                UpstreamConnectException,
                UpstreamProtocolException,
                ProxySettingException,
                BodyTooLargeException {

    UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether retrying the same request (possibly with another credential) may succeed: true for
     * timeouts, connection failures and broken streams; false for a bad proxy setting or an
     * oversized body.
     */
    public abstract boolean isTransient();
}
