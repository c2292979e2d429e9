package io.clewdr.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;

/**
 * Masking of secrets for logs, {@code toString()} and the admin API. A masked password shows at most
 * its first 4 characters (and none when it is short), then {@link #MARK}; a masked URL keeps scheme,
 * host, port and path and replaces the user-info and the query
 * (either may hold a password).
 */
final class Secrets {
    /** What every masked password ends with; a value containing it is never a real password. */
    static final String MARK = "…********";

    private static final int SHOWN = 4;
    private static final int SHORTEST_WITH_PREFIX = 16;

    private Secrets() {}

    private static final Set<String> URLS = Set.of("proxy", "rproxy", "persistence.database_url");

    /** The values of {@link Settings#values()} with passwords and URL credentials masked. */
    static Map<String, Object> maskedValues(Settings settings) {
        Map<String, Object> values = settings.values();
        values.replaceAll((key, value) -> {
            if (key.equals("password") || key.equals("admin_password")) {
                return mask((String) value);
            }
            return URLS.contains(key) ? maskUrl((String) value) : value;
        });
        return values;
    }

    static String mask(String secret) {
        if (secret == null) {
            return null;
        }
        if (secret.isEmpty()) {
            return "";
        }
        String prefix = secret.length() >= SHORTEST_WITH_PREFIX ? secret.substring(0, SHOWN) : "";
        return prefix + MARK;
    }

    static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() == null) {
                return url;
            }
            return new URI(
                            uri.getScheme(),
                            "****",
                            uri.getHost(),
                            uri.getPort(),
                            uri.getPath(),
                            uri.getQuery() == null ? null : "****",
                            uri.getFragment())
                    .toString();
        } catch (URISyntaxException e) {
            // not a URL we can take apart: show nothing of it rather than risk a credential
            return "****";
        }
    }
}
