package io.clewdr.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a file looked like at one moment: existence, size, modification time and a SHA-256 of the
 * content. Only the content decides whether the file was edited ({@code touch} is not an edit); size
 * and time are kept for log lines and cheap comparisons.
 *
 * @param exists whether the file existed
 * @param size its size in bytes
 * @param modifiedMillis its modification time
 * @param hash hex SHA-256 of its bytes, "" when absent
 */
record Fingerprint(boolean exists, long size, long modifiedMillis, String hash) {
    private static final Fingerprint ABSENT = new Fingerprint(false, 0, 0, "");

    static Fingerprint of(Path path) {
        try {
            long modified = Files.getLastModifiedTime(path).toMillis();
            byte[] bytes = Files.readAllBytes(path);
            return new Fingerprint(true, bytes.length, modified, sha256(bytes));
        } catch (NoSuchFileException e) {
            return ABSENT;
        } catch (IOException e) {
            throw ConfigException.inFile(
                    path, 0, null, "cannot read: " + e.getClass().getSimpleName(), e);
        }
    }

    /** True when the file now holds other content than at {@code before}; a deleted file is not an edit. */
    boolean editedSince(Fingerprint before) {
        return exists && (before == null || !hash.equals(before.hash));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
