package io.clewdr.translate;

/**
 * OpenAI {@code reasoning_effort} values and what each becomes on Anthropic: a thinking budget and
 * an {@code output_config.effort} (clewdr-behaviour.md §4.3). {@code none} keeps clewdr's budget of
 * 1024 and, having no Anthropic effort of its own, maps to {@code low} like {@code minimal}.
 */
enum ReasoningEffort {
    NONE(1024, "low"),
    MINIMAL(1024, "low"),
    LOW(2048, "low"),
    MEDIUM(4096, "medium"),
    HIGH(16384, "high"),
    XHIGH(32768, "xhigh"),
    MAX(65536, "max");

    private final int budgetTokens;
    private final String anthropicEffort;

    ReasoningEffort(int budgetTokens, String anthropicEffort) {
        this.budgetTokens = budgetTokens;
        this.anthropicEffort = anthropicEffort;
    }

    /** The {@code thinking.budget_tokens} for this effort. */
    int budgetTokens() {
        return budgetTokens;
    }

    /** The {@code output_config.effort} for this effort. */
    String anthropicEffort() {
        return anthropicEffort;
    }

    /**
     * Parses an OpenAI value, case-insensitively.
     *
     * @throws TranslationException naming {@code reasoning_effort} for an unknown value
     */
    static ReasoningEffort from(String value) {
        for (ReasoningEffort effort : values()) {
            if (effort.name().equalsIgnoreCase(value)) {
                return effort;
            }
        }
        throw new TranslationException(
                "reasoning_effort",
                "reasoning_effort: '" + shorten(value)
                        + "' (expected: none, minimal, low, medium, high, xhigh or max)");
    }

    private static String shorten(String value) {
        return value.length() <= 32 ? value : value.substring(0, 32) + "...";
    }
}
