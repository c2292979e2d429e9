package io.clewdr.upstream;

/**
 * The {@code proxy} setting cannot be used. The message names the problem and shows the URL with
 * any password masked.
 */
public final class ProxySettingException extends UpstreamException {

    ProxySettingException(String message) {
        super(message, null);
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
