package io.clewdr.config;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Generated passwords (§3.6): 64 characters drawn uniformly from a 57-character alphabet without
 * confusable glyphs (digits 2-9, a-z without {@code l}, A-Z without {@code I} and {@code O}).
 * Random bytes of 228 or more are rejected, since 228 = 4 × 57 is the largest multiple of 57 that
 * fits in a byte; taking the remainder of the rest has no modulo bias.
 */
public final class RandomPassword {
    /** The 57 characters a generated password is made of. */
    public static final String ALPHABET = "23456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

    /** The length of a generated password. */
    public static final int LENGTH = 64;

    private static final int LIMIT = 256 - 256 % ALPHABET.length();

    private RandomPassword() {}

    /**
     * A new password from a fresh {@link SecureRandom} (the OS random source).
     *
     * @return 64 characters of {@link #ALPHABET}
     */
    public static String generate() {
        return generate(new SecureRandom());
    }

    /**
     * A new password from the given random source (tests pass a scripted one).
     *
     * @param random the source of random bytes
     * @return 64 characters of {@link #ALPHABET}
     */
    public static String generate(Random random) {
        StringBuilder password = new StringBuilder(LENGTH);
        byte[] buffer = new byte[LENGTH];
        while (password.length() < LENGTH) {
            random.nextBytes(buffer);
            for (byte b : buffer) {
                int value = b & 0xff;
                if (value < LIMIT && password.length() < LENGTH) {
                    password.append(ALPHABET.charAt(value % ALPHABET.length()));
                }
            }
        }
        return password.toString();
    }
}
