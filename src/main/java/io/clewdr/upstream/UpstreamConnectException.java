package io.clewdr.upstream;

/**
 * The connection to the upstream (or to the proxy, or through it) could not be made: refused,
 * unresolvable host, proxy authentication or CONNECT refused, TLS handshake failure.
 */
public final class UpstreamConnectException extends UpstreamException {

    UpstreamConnectException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
