package io.clewdr.provider.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class RecentHashesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Parsed afresh each time, as every request is. */
    private static List<JsonNode> entries(String... texts) {
        List<JsonNode> list = new ArrayList<>();
        for (String text : texts) {
            list.add(JSON.readTree(text));
        }
        return list;
    }

    private static final String BIG = "{\"type\":\"text\",\"text\":\"" + "You are a coding agent. ".repeat(400)
            + "\",\"cache_control\":{\"type\":\"ephemeral\"}}";

    /** Memory over the real hash function, counting how often it runs. */
    private static RecentHashes counting(AtomicInteger computed) {
        return new RecentHashes(entries -> {
            computed.incrementAndGet();
            return CodeRequestShaper.stickyHash(entries);
        });
    }

    @Test
    void a_prompt_sent_again_is_found_and_hashed_once() {
        AtomicInteger computed = new AtomicInteger();
        RecentHashes recent = counting(computed);

        long first = recent.of(entries(BIG));
        long again = recent.of(entries(BIG));
        // The same prompt with its keys in another order is the same prompt.
        long reordered = recent.of(entries("{\"cache_control\":{\"type\":\"ephemeral\"},\"type\":\"text\",\"text\":\""
                + "You are a coding agent. ".repeat(400) + "\"}"));

        assertThat(again).isEqualTo(first).isEqualTo(CodeRequestShaper.stickyHash(entries(BIG)));
        assertThat(reordered).isEqualTo(first);
        assertThat(computed).hasValue(1);
    }

    @Test
    void what_is_remembered_does_not_follow_later_changes_to_the_request() {
        AtomicInteger computed = new AtomicInteger();
        RecentHashes recent = counting(computed);
        List<JsonNode> sent = entries(BIG);
        long original = recent.of(sent);

        // The request goes on to be shaped and sent; its tree is the caller's to change.
        ((ObjectNode) sent.get(0)).put("text", "something else");

        assertThat(recent.of(entries(BIG))).isEqualTo(original);
        assertThat(computed).hasValue(1);
        assertThat(recent.of(sent))
                .isEqualTo(CodeRequestShaper.stickyHash(sent))
                .isNotEqualTo(original);
    }

    @Test
    void every_answer_is_the_hash_function_s_own() {
        RecentHashes recent = new RecentHashes(CodeRequestShaper::stickyHash);
        Random random = new Random(11);
        for (int i = 0; i < 500; i++) {
            // Few distinct prompts, so most calls are answered from memory.
            int variant = random.nextInt(6);
            String entry = "{\"type\":\"text\",\"text\":\"prompt " + variant
                    + "\",\"cache_control\":{\"type\":\"ephemeral\"" + (variant % 2 == 0 ? ",\"ttl\":\"1h\"" : "")
                    + "},\"n\":" + (variant % 3) + "." + variant + "}";
            List<JsonNode> sent = random.nextBoolean() ? entries(entry) : entries(entry, BIG);
            assertThat(recent.of(sent)).isEqualTo(CodeRequestShaper.stickyHash(sent));
        }
    }

    @Test
    void it_remembers_a_bounded_number_of_prompts() {
        RecentHashes recent = new RecentHashes(CodeRequestShaper::stickyHash);
        for (int i = 0; i < RecentHashes.CAPACITY * 3 + 1; i++) {
            recent.of(entries("{\"text\":\"prompt " + i + "\"}"));
            assertThat(recent.size()).isLessThanOrEqualTo(RecentHashes.CAPACITY);
        }
        assertThat(recent.size()).isPositive();
    }
}
