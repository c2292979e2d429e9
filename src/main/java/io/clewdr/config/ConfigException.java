package io.clewdr.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A configuration problem: a file that is not valid TOML, a key with the wrong type or a bad value,
 * a refused save, or a bad admin API body. The message names the file, line and key when they are
 * known, and never contains a secret value (string values are never echoed).
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final Path file;
    private final int line;

    private ConfigException(String message, String key, Path file, int line, Throwable cause) {
        super(message, cause);
        this.key = key;
        this.file = file;
        this.line = line;
    }

    /**
     * A bad value for one key, independent of any file (an API body, an environment value).
     *
     * @param key the dotted key, for example {@code port} or {@code upstream.claude_base}
     * @param reason what is wrong, without the value when it is a string
     * @return the exception, message {@code "<key>: <reason>"}
     */
    public static ConfigException invalid(String key, String reason) {
        return new ConfigException(key + ": " + reason, key, null, 0, null);
    }

    /**
     * A problem located in a file.
     *
     * @param file the file
     * @param line the 1-based line, or 0 when unknown
     * @param key the dotted key, or null when unknown
     * @param reason what is wrong
     * @param cause the underlying exception, or null
     * @return the exception, message {@code "<file>:<line>: key '<key>': <reason>"}
     */
    public static ConfigException inFile(Path file, int line, String key, String reason, Throwable cause) {
        StringBuilder message = new StringBuilder().append(file);
        if (line > 0) {
            message.append(':').append(line);
        }
        message.append(": ");
        if (key != null) {
            message.append("key '").append(key).append("': ");
        }
        message.append(reason);
        return new ConfigException(message.toString(), key, file, line, cause);
    }

    /**
     * A problem that is neither a key nor a file location (a refused save, an I/O failure).
     *
     * @param message the message
     * @param cause the underlying exception, or null
     * @return the exception
     */
    public static ConfigException of(String message, Throwable cause) {
        return new ConfigException(message, null, null, 0, cause);
    }

    /** Returns this problem moved into a file at a line, keeping the key and the reason. */
    ConfigException locatedIn(Path where, int atLine) {
        String reason = key == null ? getMessage() : getMessage().substring(key.length() + 2);
        return inFile(where, atLine, key, reason, this);
    }

    /**
     * The dotted key the problem is about.
     *
     * @return the key, empty when the problem is not about one key
     */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /**
     * The file the problem is in.
     *
     * @return the file, empty when the problem is not about a file
     */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * The 1-based line in {@link #file()}.
     *
     * @return the line, empty when unknown
     */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }
}
