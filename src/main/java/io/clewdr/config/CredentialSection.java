package io.clewdr.config;

/**
 * The credential sections of {@code clewdr.toml}. The config layer carries them as untouched Jackson
 * trees: the credential package parses their entries (one bad entry must not spoil the others).
 */
public enum CredentialSection {
    /** {@code [[cookie_array]]}: usable and cooling-down Claude.ai cookies. */
    COOKIE_ARRAY("cookie_array", true),
    /** {@code [[wasted_cookie]]}: retired cookies with their reason. */
    WASTED_COOKIE("wasted_cookie", true),
    /** LEGACY {@code gemini_keys}: Gemini AI Studio keys. */
    GEMINI_KEYS("gemini_keys", true),
    /** LEGACY {@code [vertex]}: {@code credential} and {@code credentials} (service accounts). */
    VERTEX("vertex", false);

    private final String key;
    private final boolean array;

    CredentialSection(String key, boolean array) {
        this.key = key;
        this.array = array;
    }

    /**
     * The top-level key in the file.
     *
     * @return for example {@code cookie_array}
     */
    public String key() {
        return key;
    }

    /**
     * Whether the section is an array (else a table).
     *
     * @return true for the arrays
     */
    public boolean array() {
        return array;
    }

    /** The section with this file key, or null. */
    static CredentialSection fromKey(String key) {
        for (CredentialSection section : values()) {
            if (section.key.equals(key)) {
                return section;
            }
        }
        return null;
    }
}
