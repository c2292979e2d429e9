package io.clewdr.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The LEGACY {@code [persistence]} table: where credentials and the config are stored.
 *
 * @param mode the storage backend, {@code file} by default
 * @param databaseUrl the JDBC-style or sqlx-style URL of the database (required for postgres and
 *     mysql), or null
 * @param sqlitePath the SQLite file used when mode is sqlite and no URL is given, or null
 */
public record Persistence(Mode mode, String databaseUrl, String sqlitePath) {
    /** The storage backends of {@code persistence.mode}. */
    public enum Mode {
        /** Everything in {@code clewdr.toml} (the default). */
        FILE,
        /** An SQLite database. */
        SQLITE,
        /** A PostgreSQL database. */
        POSTGRES,
        /** A MySQL or MariaDB database. */
        MYSQL;

        /**
         * The name used in the file and the API.
         *
         * @return for example {@code sqlite}
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parses a mode name, case-insensitively.
         *
         * @param text the name
         * @return the mode
         * @throws ConfigException naming {@code persistence.mode} when the name is unknown
         */
        public static Mode from(String text) {
            for (Mode mode : values()) {
                if (mode.id().equalsIgnoreCase(text.strip())) {
                    return mode;
                }
            }
            throw ConfigException.invalid(
                    "persistence.mode",
                    "unknown mode (expected one of "
                            + Arrays.stream(values()).map(Mode::id).collect(Collectors.joining(", "))
                            + ")");
        }
    }

    /** Validates the table: a database URL is required for the server databases. */
    public Persistence {
        if (mode == null) {
            throw ConfigException.invalid("persistence.mode", "must not be null");
        }
        if ((mode == Mode.POSTGRES || mode == Mode.MYSQL) && (databaseUrl == null || databaseUrl.isBlank())) {
            throw ConfigException.invalid("persistence.database_url", "required when persistence.mode is " + mode.id());
        }
    }

    /**
     * The default table: file mode, no database.
     *
     * @return the defaults
     */
    public static Persistence defaults() {
        return new Persistence(Mode.FILE, null, null);
    }

    @Override
    public String toString() {
        return "Persistence[mode=" + mode.id() + ", databaseUrl=" + Secrets.maskUrl(databaseUrl) + ", sqlitePath="
                + sqlitePath + "]";
    }
}
