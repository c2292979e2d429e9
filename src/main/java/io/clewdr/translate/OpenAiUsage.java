package io.clewdr.translate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps Anthropic {@code usage} to OpenAI {@code usage} (protocols.md §4.9).
 *
 * <p>Choice: {@code prompt_tokens = input_tokens + cache_read_input_tokens +
 * cache_creation_input_tokens}, because Anthropic documents that sum as the total input and OpenAI's
 * {@code prompt_tokens} includes cached tokens; LiteLLM leaves cache creation out, which under-counts
 * the first call of a cached prompt. {@code prompt_tokens_details.cached_tokens =
 * cache_read_input_tokens}; {@code completion_tokens = output_tokens}; {@code total_tokens} is their
 * sum.
 */
final class OpenAiUsage {

    private OpenAiUsage() {}

    static ObjectNode from(JsonNode usage) {
        long input = count(usage, "input_tokens");
        long cacheRead = count(usage, "cache_read_input_tokens");
        long cacheCreation = count(usage, "cache_creation_input_tokens");
        long output = count(usage, "output_tokens");
        long prompt = input + cacheRead + cacheCreation;
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("prompt_tokens", prompt);
        out.put("completion_tokens", output);
        out.put("total_tokens", prompt + output);
        out.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
        return out;
    }

    private static long count(JsonNode usage, String field) {
        JsonNode value = usage.path(field);
        return value.isIntegralNumber() ? Math.max(0, value.asLong()) : 0;
    }
}
