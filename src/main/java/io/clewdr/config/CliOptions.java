package io.clewdr.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line (§3.4): {@code -c/--config}, {@code -l/--log-dir}, {@code -f/--file}, {@code
 * -V/--version}, {@code -h/--help}, each path flag also as {@code --name=value}. Paths default to the
 * working directory. Five flags are parsed by hand: a reflective parser library cost a fifth of a
 * second of every start on one core, more than the rest of the parsing and the banner together.
 *
 * @param config the config file, {@code clewdr.toml} by default
 * @param logDir the log directory, {@code log} by default
 * @param cookieFile a file of extra cookies, one per line, or null
 * @param version true when {@code -V} asked for the version
 * @param help true when {@code -h} asked for the usage text ({@link #usage()})
 */
public record CliOptions(Path config, Path logDir, Path cookieFile, boolean version, boolean help) {
    private static final Path DEFAULT_CONFIG = Path.of("clewdr.toml");
    private static final Path DEFAULT_LOG_DIR = Path.of("log");

    /** Checks that the paths are present. */
    public CliOptions {
        if (config == null || logDir == null) {
            throw new IllegalArgumentException("config and logDir are required");
        }
    }

    /**
     * Parses the arguments.
     *
     * @param args the command-line arguments
     * @return the options
     * @throws ConfigException on an unknown flag or a missing value; the message includes the usage
     */
    public static CliOptions parse(String... args) {
        Path config = DEFAULT_CONFIG;
        Path logDir = DEFAULT_LOG_DIR;
        Path cookieFile = null;
        boolean version = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "-V", "--version" -> version = true;
                case "-h", "--help" -> help = true;
                case "-c", "--config", "-l", "--log-dir", "-f", "--file" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw error("Missing required parameter for option '" + name + "' (<path>)");
                        }
                        value = args[++i];
                    }
                    Path path = path(name, value);
                    switch (name) {
                        case "-c", "--config" -> config = path;
                        case "-l", "--log-dir" -> logDir = path;
                        default -> cookieFile = path;
                    }
                }
                default ->
                    throw error(
                            arg.startsWith("-")
                                    ? "Unknown option: '" + arg + "'"
                                    : "Unmatched argument: '" + arg + "'");
            }
        }
        return new CliOptions(config, logDir, cookieFile, version, help);
    }

    private static Path path(String option, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw error("Invalid value for option '" + option + "': '" + value + "' is not a path");
        }
    }

    private static ConfigException error(String message) {
        return ConfigException.of(message + System.lineSeparator() + usage(), null);
    }

    /**
     * The usage text for {@code -h}.
     *
     * @return the text
     */
    public static String usage() {
        return String.join(
                System.lineSeparator(),
                "Usage: clewdr [-hV] [-c=<path>] [-f=<path>] [-l=<path>]",
                "A local LLM reverse proxy for Claude.ai, Claude Code, Gemini and Vertex credentials.",
                "  -c, --config=<path>    Config file (default: " + DEFAULT_CONFIG + ")",
                "  -l, --log-dir=<path>   Log directory (default: " + DEFAULT_LOG_DIR + ")",
                "  -f, --file=<path>      Load extra cookies from a file, one per line",
                "  -V, --version          Print the version and exit",
                "  -h, --help             Print this help and exit",
                "");
    }

    /**
     * The cookie file, when {@code -f} was given.
     *
     * @return the path
     */
    public Optional<Path> cookieFilePath() {
        return Optional.ofNullable(cookieFile);
    }

    /**
     * Reads the lines of the {@code -f} file (the credential package parses them as cookies).
     *
     * @return the lines, empty when no file was given
     * @throws ConfigException when the file cannot be read
     */
    public List<String> readCookieLines() {
        if (cookieFile == null) {
            return List.of();
        }
        try {
            return Files.readAllLines(cookieFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ConfigException.inFile(
                    cookieFile, 0, null, "cannot read: " + e.getClass().getSimpleName(), e);
        }
    }
}
