package io.clewdr.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build is: its version, read from a resource the build fills in, so that the banner,
 * {@code -V} and {@code /api/version} agree.
 *
 * @param version the version, e.g. {@code 0.1.0}
 */
public record BuildInfo(String version) {
    private static final BuildInfo CURRENT = load();

    /** @return the running build */
    public static BuildInfo current() {
        return CURRENT;
    }

    /**
     * The plain-text block of {@code GET /api/version} (clewdr-behaviour.md §14).
     *
     * @param noFs whether the process runs without touching the filesystem
     * @return the block, one field per line
     */
    public String versionBlock(boolean noFs) {
        return "v" + version + "\nprofile: release\nmode: prod\nno_fs: " + noFs + "\n";
    }

    private static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/clewdr/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(properties.getProperty("version", "0.0.0-dev"));
    }
}
