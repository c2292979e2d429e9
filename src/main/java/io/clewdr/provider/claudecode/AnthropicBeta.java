package io.clewdr.provider.claudecode;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code anthropic-beta} header sent to the Claude Code upstream: our tokens first, then each of the
 * client's tokens that is not already there, in the client's order (clewdr-behaviour.md §7.9).
 */
public final class AnthropicBeta {

    /** The beta token an OAuth bearer token needs on the Messages API. */
    public static final String OAUTH = "oauth-2025-04-20";

    private AnthropicBeta() {}

    /**
     * Merges header values. Each value is a comma-separated list; tokens are trimmed, empty ones are
     * dropped and exact duplicates keep their first place.
     *
     * @param ours our own tokens (comma-separated), first in the result
     * @param clientHeaderValues every {@code anthropic-beta} value the client sent (the header may repeat)
     * @return the merged value, tokens joined with {@code ,}
     */
    public static String merge(String ours, List<String> clientHeaderValues) {
        Set<String> tokens = new LinkedHashSet<>();
        add(tokens, ours);
        for (String value : clientHeaderValues) {
            add(tokens, value);
        }
        return String.join(",", tokens);
    }

    /** {@link #merge(String, List)} with the client's values as varargs. */
    public static String merge(String ours, String... clientHeaderValues) {
        return merge(ours, Arrays.asList(clientHeaderValues));
    }

    private static void add(Set<String> tokens, String value) {
        if (value == null) {
            return;
        }
        for (String token : value.split(",")) {
            String trimmed = token.trim();
            if (!trimmed.isEmpty()) {
                tokens.add(trimmed);
            }
        }
    }
}
