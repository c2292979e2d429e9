package io.clewdr.observe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text at the logging boundary, as a second line of defence behind code that
 * already logs only masked values: Claude.ai session cookies, OAuth access and refresh tokens,
 * Google API keys, PEM private keys, and the two passwords (registered at start and on change).
 */
public final class Redactor {
    private static final Pattern SECRETS = Pattern.compile("sk-ant-(?:sid|oat|ort|api|admin)\\d{2}-[A-Za-z0-9_-]{8,}"
            + "|AIza[0-9A-Za-z_-]{20,}"
            + "|-----BEGIN [A-Z ]*PRIVATE KEY-----[^-]*-----END [A-Z ]*PRIVATE KEY-----"
            + "|(?i:bearer)\\s+[A-Za-z0-9._~+/=-]{16,}");
    private static final List<String> PASSWORDS = new CopyOnWriteArrayList<>();

    private Redactor() {}

    /**
     * Registers a secret (a password) to be masked wherever it appears.
     *
     * @param secret the secret; short or blank values are ignored
     */
    public static void register(String secret) {
        if (secret.length() >= 8 && !PASSWORDS.contains(secret)) {
            PASSWORDS.add(secret);
        }
    }

    /**
     * Masks every known secret in a text.
     *
     * @param text the text
     * @return the text with secrets replaced by a short masked form
     */
    public static String redact(String text) {
        String out = text;
        for (String password : PASSWORDS) {
            if (out.contains(password)) {
                out = out.replace(password, mask(password));
            }
        }
        if (!mayHoldSecret(out)) {
            return out;
        }
        Matcher m = SECRETS.matcher(out);
        if (!m.find()) {
            return out;
        }
        StringBuilder sb = new StringBuilder();
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(mask(m.group())));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * Whether {@code text} holds one of the fixed prefixes that every match of {@link #SECRETS}
     * starts with: a scan for a few literals is much cheaper than the expression, and almost every
     * log line holds none.
     */
    private static boolean mayHoldSecret(String text) {
        if (text.contains("sk-ant-") || text.contains("AIza") || text.contains("-----BEGIN ")) {
            return true;
        }
        for (int i = 0; i + 6 <= text.length(); i++) {
            if ((text.charAt(i) | 0x20) == 'b' && text.regionMatches(true, i, "bearer", 0, 6)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The masked form of a secret: a short prefix, enough to tell two apart, never enough to use.
     *
     * @param secret the secret
     * @return the masked form
     */
    public static String mask(String secret) {
        int keep = Math.min(secret.length() / 4, secret.startsWith("sk-ant-") ? 16 : 4);
        return secret.substring(0, keep) + "...";
    }
}
