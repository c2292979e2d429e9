package io.clewdr.credential;

import java.util.Locale;

/** The model families that have their own usage columns and weekly windows. */
public enum ModelFamily {
    /** Any model whose name contains {@code opus}. */
    OPUS,
    /** Any model whose name contains {@code sonnet}. */
    SONNET,
    /** Everything else (haiku, unknown names). */
    OTHER;

    /** Classifies a model name by substring, ignoring case; a null name is {@link #OTHER}. */
    public static ModelFamily of(String model) {
        if (model == null) {
            return OTHER;
        }
        String lower = model.toLowerCase(Locale.ROOT);
        if (lower.contains("opus")) {
            return OPUS;
        }
        if (lower.contains("sonnet")) {
            return SONNET;
        }
        return OTHER;
    }
}
