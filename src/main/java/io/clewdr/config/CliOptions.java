package io.clewdr.config;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line (§3.4): {@code -c/--config}, {@code -l/--log-dir}, {@code -f/--file}, {@code
 * -V/--version}, {@code -h/--help}. Paths default to the working directory.
 *
 * @param config the config file, {@code clewdr.toml} by default
 * @param logDir the log directory, {@code log} by default
 * @param cookieFile a file of extra cookies, one per line, or null
 * @param version true when {@code -V} asked for the version
 * @param help true when {@code -h} asked for the usage text ({@link #usage()})
 */
public record CliOptions(Path config, Path logDir, Path cookieFile, boolean version, boolean help) {
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
        Flags flags = new Flags();
        CommandLine line = new CommandLine(flags);
        try {
            line.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw ConfigException.of(e.getMessage() + System.lineSeparator() + usage(), e);
        }
        return new CliOptions(
                flags.config,
                flags.logDir,
                flags.cookieFile,
                line.isVersionHelpRequested(),
                line.isUsageHelpRequested());
    }

    /**
     * The usage text for {@code -h}.
     *
     * @return the text
     */
    public static String usage() {
        StringWriter text = new StringWriter();
        new CommandLine(new Flags()).usage(new PrintWriter(text));
        return text.toString();
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

    /** picocli fills these fields by reflection; the record is the product. */
    @Command(
            name = "clewdr",
            description = "A local LLM reverse proxy for Claude.ai, Claude Code, Gemini and Vertex credentials.",
            sortOptions = false)
    private static final class Flags {
        @Option(
                names = {"-c", "--config"},
                paramLabel = "<path>",
                description = "Config file (default: ${DEFAULT-VALUE})")
        Path config = Path.of("clewdr.toml");

        @Option(
                names = {"-l", "--log-dir"},
                paramLabel = "<path>",
                description = "Log directory (default: ${DEFAULT-VALUE})")
        Path logDir = Path.of("log");

        @Option(
                names = {"-f", "--file"},
                paramLabel = "<path>",
                description = "Load extra cookies from a file, one per line")
        Path cookieFile;

        @Option(
                names = {"-V", "--version"},
                versionHelp = true,
                description = "Print the version and exit")
        boolean version;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Print this help and exit")
        boolean help;
    }
}
