package io.clewdr.upstream;

/** {@link UpstreamResponse#aggregate(int)} saw more body bytes than its limit allows. */
public final class BodyTooLargeException extends UpstreamException {

    BodyTooLargeException(int limit) {
        super("response body exceeds " + limit + " bytes", null);
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
