package io.clewdr.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Value rules shared by the file, the environment and the admin API; each failure names the key. */
final class Checks {
    private static final Set<String> HTTP = Set.of("http", "https");
    private static final Set<String> PROXY = Set.of("http", "https", "socks5", "socks5h");
    /** The last base URL {@link #base} parsed. */
    private static volatile @Nullable ParsedBase lastBase;

    private record ParsedBase(String url, URI uri) {}

    private Checks() {}

    static void notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw ConfigException.invalid(key, "must not be blank");
        }
    }

    static void httpUrl(String key, String value) {
        url(key, value, HTTP);
    }

    static void proxyUrl(String key, String value) {
        url(key, value, PROXY);
    }

    static void ip(String key, String value) {
        notBlank(key, value);
        try {
            // ofLiteral never resolves a host name: only IPv4/IPv6 literals pass
            InetAddress.ofLiteral(value.strip());
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid(key, "not an IP address");
        }
    }

    static void range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            // no value in the message: the same rule serves environment values, which are never echoed
            String expected = max == Integer.MAX_VALUE ? ">= " + min : min + "-" + max;
            throw ConfigException.invalid(key, "out of range (expected: " + expected + ")");
        }
    }

    /** The base URL with a trailing slash, so relative paths resolve below it. */
    static URI base(String url) {
        // Asked for on every upstream call, changed only by an edit of the settings: the last one
        // parsed is kept.
        ParsedBase last = lastBase;
        if (last != null && last.url().equals(url)) {
            return last.uri();
        }
        URI uri = URI.create(url.endsWith("/") ? url : url + "/");
        lastBase = new ParsedBase(url, uri);
        return uri;
    }

    private static void url(String key, String value, Set<String> schemes) {
        notBlank(key, value);
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            // the reason text of URISyntaxException quotes the input, which may hold a password
            throw ConfigException.invalid(key, "not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw ConfigException.invalid(key, "unsupported URL scheme (expected one of " + schemes + ")");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ConfigException.invalid(key, "URL has no host");
        }
    }
}
