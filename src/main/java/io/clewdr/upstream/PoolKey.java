package io.clewdr.upstream;

import javax.net.ssl.TrustManagerFactory;

/**
 * What makes two requests able to share a connection: the same origin, reached through the same
 * proxy, with the same profile and trust.
 *
 * @param secure https or plain http
 * @param host the target host
 * @param port the target port
 * @param proxy the proxy, or {@code null} for direct
 * @param profile the client profile (value equality)
 * @param trust the custom trust store (identity), or {@code null} for the system default
 */
record PoolKey(
        boolean secure, String host, int port, ProxySpec proxy, ClientProfile profile, TrustManagerFactory trust) {

    @Override
    public String toString() {
        return (secure ? "https://" : "http://") + host + ":" + port + (proxy == null ? "" : " via " + proxy) + " ["
                + profile.name() + "]";
    }
}
