package io.clewdr.server;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in the Anthropic style ({@code req_} and 24 random base-62 characters). They name a
 * request in logs and answers and guard nothing, so a fast non-cryptographic generator suits them.
 */
final class RequestIds {
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private RequestIds() {}

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[24];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return "req_" + new String(id);
    }
}
