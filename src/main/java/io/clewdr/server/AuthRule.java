package io.clewdr.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * Who may call a route (clewdr-behaviour.md §2.2). Every comparison is constant-time over SHA-256
 * digests, so neither the content nor the length of a password leaks through timing.
 */
public enum AuthRule {
    /** Public: {@code /api/version}, {@code /health}, the dashboard's static files. */
    NONE,
    /** {@code x-api-key: <password>}, else {@code Authorization: Bearer <password>} (Anthropic routes). */
    FLEXIBLE,
    /** {@code Authorization: Bearer <password>} only (OpenAI routes and the model lists). */
    BEARER,
    /** {@code Authorization: Bearer <admin_password>} ({@code /api/*}). */
    ADMIN,
    /** {@code ?key=<password>}, else the {@code x-goog-api-key} header (Gemini native routes). */
    QUERY_KEY;

    /** Never updated, only copied. */
    private static final MessageDigest SHA_256 = newSha256();

    /**
     * The last configured secret checked and its digest. One entry: LLM traffic checks the API
     * password over and over; a check against the admin password in between just hashes it again.
     */
    private static volatile @Nullable Digested lastExpected;

    private record Digested(String secret, byte[] digest) {
        @Override
        public String toString() {
            return "Digested[***]";
        }
    }

    /**
     * Checks a request against this rule.
     *
     * @param request the request
     * @param passwords the current passwords
     * @return whether the request may proceed
     */
    public boolean permits(Request request, Passwords passwords) {
        return switch (this) {
            case NONE -> true;
            case FLEXIBLE -> {
                String apiKey = request.header("x-api-key");
                yield apiKey != null ? matches(apiKey, passwords.api()) : matches(bearer(request), passwords.api());
            }
            case BEARER -> matches(bearer(request), passwords.api());
            case ADMIN -> matches(bearer(request), passwords.admin());
            case QUERY_KEY -> {
                String key = request.queryParam("key");
                yield matches(key != null ? key : request.header("x-goog-api-key"), passwords.api());
            }
        };
    }

    private static @Nullable String bearer(Request request) {
        String value = request.header("authorization");
        if (value == null || value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return value.substring(7).trim();
    }

    /**
     * Constant-time equality of a presented secret with the expected one. An empty expected secret
     * never matches: a blank password is generated at start, so it would only be empty by mistake.
     */
    static boolean matches(@Nullable String presented, String expected) {
        if (presented == null || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), expectedDigest(expected));
    }

    /** The digest of the configured secret, hashed once per value rather than once per request. */
    private static byte[] expectedDigest(String expected) {
        Digested last = lastExpected;
        if (last == null || !last.secret().equals(expected)) {
            last = new Digested(expected, sha256(expected));
            lastExpected = last;
        }
        return last.digest();
    }

    private static byte[] sha256(String value) {
        try {
            // A copy of a pristine digest: looking the algorithm up costs more than the hashing.
            return ((MessageDigest) SHA_256.clone()).digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be copied", e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
