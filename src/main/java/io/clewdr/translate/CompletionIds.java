package io.clewdr.translate;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** Chat completion ids: {@code chatcmpl-} plus the Anthropic message id, or a fresh random one. */
final class CompletionIds {

    private static final String PREFIX = "chatcmpl-";
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** Fresh ids of 24 random alphanumerics; ids need to be unique enough, not unpredictable. */
    static final Supplier<String> RANDOM = () -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[24];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return PREFIX + new String(id);
    };

    private CompletionIds() {}

    /** The id for an Anthropic message id, or a fresh one from {@code fresh} when it has none. */
    static String of(String anthropicId, Supplier<String> fresh) {
        return anthropicId == null || anthropicId.isEmpty() ? fresh.get() : PREFIX + anthropicId;
    }
}
