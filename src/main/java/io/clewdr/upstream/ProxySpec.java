package io.clewdr.upstream;

import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed {@code proxy} setting. Equality covers every field, so pools keyed by it separate
 * proxies with different credentials; {@link #toString()} masks the password.
 */
record ProxySpec(Scheme scheme, String host, int port, String username, String password) {

    /** The proxy kinds we speak. */
    enum Scheme {
        /** HTTP CONNECT over plain TCP. */
        HTTP(80),
        /** HTTP CONNECT over TLS to the proxy. */
        HTTPS(443),
        /** SOCKS5; the proxy resolves the target host name. */
        SOCKS5(1080);

        final int defaultPort;

        Scheme(int defaultPort) {
            this.defaultPort = defaultPort;
        }
    }

    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(//[^/@:]*):[^/@]*@");

    /**
     * Parses a proxy URL, or returns {@code null} for a {@code null} or blank one.
     *
     * @throws ProxySettingException naming what is wrong (the message masks the password)
     */
    static ProxySpec parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        if (!text.contains("://")) {
            throw new ProxySettingException("proxy: no scheme in " + mask(text)
                    + " (expected: http://, https://, socks5:// or socks5h:// before the host)");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ProxySettingException("proxy: not a valid URL (" + mask(text) + ")");
        }
        String rawScheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Scheme scheme = switch (rawScheme) {
            case "http" -> Scheme.HTTP;
            case "https" -> Scheme.HTTPS;
            case "socks5", "socks5h" -> Scheme.SOCKS5;
            default ->
                throw new ProxySettingException("proxy: unsupported scheme '" + rawScheme + "' in " + mask(text)
                        + " (expected: http, https, socks5 or socks5h)");
        };
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ProxySettingException("proxy: no host name in " + mask(text));
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/") || uri.getQuery() != null) {
            throw new ProxySettingException("proxy: a path or query is not allowed in " + mask(text));
        }
        int port = uri.getPort() == -1 ? scheme.defaultPort : uri.getPort();
        String username = null;
        String password = null;
        if (uri.getUserInfo() != null) {
            String info = uri.getUserInfo();
            int colon = info.indexOf(':');
            username = colon < 0 ? info : info.substring(0, colon);
            password = colon < 0 ? "" : info.substring(colon + 1);
            if (username.isEmpty()) {
                throw new ProxySettingException("proxy: empty user name in " + mask(text));
            }
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ProxySpec(scheme, host, port, username, password);
    }

    /** Replaces the password of a proxy URL with {@code ***}, for logs and messages. */
    static String mask(String raw) {
        return USERINFO_PASSWORD.matcher(raw).replaceAll("$1:***@");
    }

    /** The Netty handler that opens a tunnel through this proxy to {@code destination}. */
    ProxyHandler newHandler(InetSocketAddress resolvedProxy) {
        ProxyHandler handler = switch (scheme) {
            case HTTP, HTTPS ->
                username == null
                        ? new HttpProxyHandler(resolvedProxy)
                        : new HttpProxyHandler(resolvedProxy, username, password);
            case SOCKS5 ->
                username == null
                        ? new Socks5ProxyHandler(resolvedProxy)
                        : new Socks5ProxyHandler(resolvedProxy, username, password);
        };
        // The client's own connect deadline covers the proxy handshake; Netty's would race it.
        handler.setConnectTimeoutMillis(0);
        return handler;
    }

    @Override
    public String toString() {
        return scheme.name().toLowerCase(Locale.ROOT) + "://" + (username == null ? "" : username + ":***@") + host
                + ":" + port;
    }
}
