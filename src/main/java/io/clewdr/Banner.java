package io.clewdr;

import io.clewdr.config.BuildInfo;
import io.clewdr.config.ConfigDocument;
import io.clewdr.config.Settings;
import io.clewdr.observe.Redactor;

/**
 * The start-up banner (clewdr-behaviour.md §3.6, §14): version, config file, storage, the endpoint
 * of each backend, and the passwords — in full only when they were just generated (the one moment
 * the user needs them), otherwise masked with a note of where they are kept.
 */
final class Banner {
    private Banner() {}

    static String render(Clewdr clewdr) {
        Settings s = clewdr.config().get();
        ConfigDocument start = clewdr.startDocument();
        String host = s.ip().contains(":") ? "[" + s.ip() + "]" : s.ip();
        String base = "http://" + host + ":" + clewdr.address().getPort();
        String where = s.noFs()
                ? "memory only (no_fs: nothing is written)"
                : "file " + start.source().toAbsolutePath();
        StringBuilder out = new StringBuilder();
        out.append('\n')
                .append("  ClewdR v")
                .append(BuildInfo.current().version())
                .append(" (Java ")
                .append(Runtime.version())
                .append(")\n");
        out.append("  Config:   ").append(start.source().toAbsolutePath()).append('\n');
        out.append("  Storage:  ").append(where).append('\n');
        out.append("  Endpoints:\n");
        line(out, "Claude.ai web", base + "/v1");
        line(out, "Claude Code", base + "/code/v1");
        line(out, "Gemini", base + "/v1/v1beta  (OpenAI-compatible: " + base + "/gemini)");
        line(out, "Vertex AI", base + "/v1/vertex/v1beta  (OpenAI-compatible: " + base + "/gemini/vertex)");
        line(out, "Dashboard", base + "/");
        out.append("  API Password: ")
                .append(secret(
                        s.password(), start.passwordGenerated(), start.envKeys().contains("password"), s))
                .append('\n');
        out.append("  Web Admin Password: ")
                .append(secret(
                        s.adminPassword(),
                        start.adminPasswordGenerated(),
                        start.envKeys().contains("admin_password"),
                        s))
                .append('\n');
        out.append("  Cookies: ").append(clewdr.pool().counts()).append("\n\n");
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String url) {
        out.append("    ").append(String.format("%-15s", name)).append(url).append('\n');
    }

    private static String secret(String value, boolean generated, boolean fromEnv, Settings s) {
        if (generated) {
            return value + (s.noFs() ? "  (generated now; not saved: no_fs)" : "  (generated now and saved)");
        }
        return Redactor.mask(value) + (fromEnv ? "  (from the environment)" : "  (see clewdr.toml)");
    }
}
