package io.clewdr.provider.claudecode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * One PKCE pair (RFC 7636, method {@code S256}) and the OAuth {@code state} of one authorization.
 * {@link #toString()} hides the verifier: it proves possession of the code.
 *
 * @param verifier 32 random bytes, base64url without padding (43 characters)
 * @param challenge base64url-no-pad of the SHA-256 of the verifier's ASCII bytes
 * @param state another 32 random bytes, base64url without padding
 */
record Pkce(String verifier, String challenge, String state) {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** A fresh pair and state from {@code random} (a {@link java.security.SecureRandom} in production). */
    static Pkce create(RandomGenerator random) {
        String verifier = randomText(random);
        return new Pkce(verifier, challengeOf(verifier), randomText(random));
    }

    /** The {@code S256} challenge of a verifier. */
    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String randomText(RandomGenerator random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "Pkce[challenge=" + challenge + "]";
    }
}
