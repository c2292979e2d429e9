package io.clewdr.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the bench runs ClewdR: a {@code clewdr.toml} whose {@code [upstream]} bases and OAuth URLs
 * point at the mock, with one cookie whose OAuth token is already filled in and valid for a day (so
 * the Claude Code path needs no OAuth dance), and the JVM flags read from the {@code ./clewdr}
 * launcher itself, so the bench measures what users start.
 *
 * @param port ClewdR's port
 * @param mockPort the mock's port
 * @param password the API password
 * @param nowEpochSeconds the wall-clock time the token's expiry is counted from
 */
record ClewdrSetup(int port, int mockPort, String password, long nowEpochSeconds) {
    private static final Pattern EXEC = Pattern.compile("exec \"\\$JAVA_HOME/bin/java\"(.*?)-jar", Pattern.DOTALL);

    /** A cookie of the shape ClewdR accepts: {@code sk-ant-sid01-} + 86 chars + {@code -} + 6 chars + {@code AA}. */
    static String cookie() {
        return "sk-ant-sid01-" + "b".repeat(86) + "-benchAAA";
    }

    String toml() {
        String mock = "http://127.0.0.1:" + mockPort;
        return """
                ip = "127.0.0.1"
                port = %d
                check_update = false
                auto_update = false
                password = "%s"
                admin_password = "%s-admin"
                max_retries = 5
                preserve_chats = false

                [upstream]
                claude_base = "%s/"
                oauth_token_url = "%s/v1/oauth/token"
                oauth_usage_url = "%s/api/oauth/usage"

                [[cookie_array]]
                cookie = "%s"

                [cookie_array.token]
                access_token = "sk-ant-oat01-bench-access"
                expires_in = 86400
                refresh_token = "sk-ant-ort01-bench-refresh"
                expires_at = %d.0

                [cookie_array.token.organization]
                uuid = "%s"
                """.formatted(
                port, password, password, mock, mock, mock, cookie(), nowEpochSeconds + 86_400, MockHandler.ORG);
    }

    /**
     * The JVM flags of the launcher's {@code exec} line, with {@code $here} replaced by the repository
     * and the class-data archive moved to {@code archive}.
     */
    static List<String> launcherFlags(Path launcher, Path repo, Path archive) {
        String text;
        try {
            text = Files.readString(launcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = EXEC.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no java exec line in " + launcher);
        }
        List<String> flags = new ArrayList<>();
        for (String raw : m.group(1).replace("\\\n", " ").trim().split("\\s+")) {
            String flag = raw.replace("\"", "").replace("$here", repo.toString());
            if (flag.startsWith("-XX:SharedArchiveFile=")) {
                flag = "-XX:SharedArchiveFile=" + archive;
            }
            if (!flag.isBlank()) {
                flags.add(flag);
            }
        }
        return flags;
    }

    static String describe(List<String> flags) {
        return String.join(" ", flags);
    }

    static List<String> split(String flags) {
        return Arrays.asList(flags.trim().split("\\s+"));
    }
}
