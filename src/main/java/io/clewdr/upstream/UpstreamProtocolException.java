package io.clewdr.upstream;

/**
 * The connection broke or the upstream misbehaved after the request was sent: closed before the
 * response ended, stream reset, malformed response.
 */
public final class UpstreamProtocolException extends UpstreamException {

    UpstreamProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
