package io.clewdr.translate;

import static io.clewdr.translate.AnthropicEvents.blockStop;
import static io.clewdr.translate.AnthropicEvents.json;
import static io.clewdr.translate.AnthropicEvents.messageDelta;
import static io.clewdr.translate.AnthropicEvents.messageStart;
import static io.clewdr.translate.AnthropicEvents.messageStop;
import static io.clewdr.translate.AnthropicEvents.ping;
import static io.clewdr.translate.AnthropicEvents.textDelta;
import static io.clewdr.translate.AnthropicEvents.textStart;
import static io.clewdr.translate.AnthropicEvents.thinkingDelta;
import static org.assertj.core.api.Assertions.assertThat;

import io.clewdr.translate.StopSequenceFilter.Event;
import io.clewdr.translate.StopSequenceFilter.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class StopSequencesTest {

    /** Drives a filter and records what it emits. */
    private static final class Run {
        final StopSequenceFilter filter;
        final List<Event> emitted = new ArrayList<>();
        boolean stopped;

        Run(String... sequences) {
            filter = StopSequences.of(Arrays.asList(sequences)).streamFilter();
            feed(messageStart(42), textStart(0));
        }

        List<Event> feed(JsonNode... events) {
            List<Event> step = new ArrayList<>();
            for (JsonNode event : events) {
                Step result = filter.onEvent(event.path("type").asString(), event);
                step.addAll(result.events());
                stopped |= result.stopped();
            }
            emitted.addAll(step);
            return step;
        }

        List<Event> text(String... deltas) {
            return feed(Arrays.stream(deltas).map(d -> textDelta(0, d)).toArray(JsonNode[]::new));
        }

        String emittedText() {
            return textOf(emitted);
        }

        List<String> names() {
            return emitted.stream().map(Event::name).toList();
        }
    }

    private static String textOf(List<Event> events) {
        StringBuilder text = new StringBuilder();
        for (Event event : events) {
            if (event.data().path("delta").path("type").asString("").equals("text_delta")) {
                text.append(event.data().path("delta").path("text").asString());
            }
        }
        return text.toString();
    }

    @Test
    void a_match_ends_the_text_before_the_sequence_and_closes_the_message() {
        Run run = new Run("END");
        run.text("Hello END more");

        assertThat(run.emittedText()).isEqualTo("Hello ");
        assertThat(run.stopped).isTrue();
        assertThat(run.names())
                .containsExactly(
                        "message_start",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
    }

    @Test
    void the_closing_message_delta_carries_the_stop_fields_and_a_usage() {
        Run run = new Run("END");
        run.text("Hello there, this is a longer answer END");

        JsonNode delta = run.emitted.get(run.emitted.size() - 2).data();
        assertThat(delta.at("/delta/stop_reason").asString()).isEqualTo("stop_sequence");
        assertThat(delta.at("/delta/stop_sequence").asString()).isEqualTo("END");
        assertThat(delta.at("/usage/input_tokens").asLong()).isEqualTo(42);
        assertThat(delta.at("/usage/output_tokens").asLong()).isGreaterThan(1);
        assertThat(run.emitted.get(run.emitted.size() - 3).data().path("index").asInt())
                .isZero();
    }

    @Test
    void a_sequence_split_across_deltas_is_found() {
        Run run = new Run("END");
        run.text("Hel", "lo E", "N", "D tail");

        assertThat(run.emittedText()).isEqualTo("Hello ");
        assertThat(run.stopped).isTrue();
    }

    @Test
    void nothing_after_the_match_is_emitted() {
        Run run = new Run("END");
        run.text("a END");
        int before = run.emitted.size();

        List<Event> after = run.feed(textDelta(0, "more"), blockStop(0), messageDelta("end_turn", 9), messageStop());

        assertThat(after).isEmpty();
        assertThat(run.emitted).hasSize(before);
        assertThat(run.filter.onEnd().events()).isEmpty();
    }

    @Test
    void only_a_possible_start_of_a_sequence_is_held_back() {
        Run run = new Run("STOP");

        assertThat(textOf(run.text("a ST"))).isEqualTo("a ");
        assertThat(textOf(run.text("x b"))).isEqualTo("STx b");
        assertThat(textOf(run.text("no match here"))).isEqualTo("no match here");
        assertThat(run.stopped).isFalse();
    }

    @Test
    void a_false_start_inside_a_later_match_still_stops() {
        Run run = new Run("abcd");
        run.text("xab", "cab", "cd!");

        assertThat(run.emittedText()).isEqualTo("xabc");
        assertThat(run.stopped).isTrue();
    }

    @Test
    void the_match_that_completes_first_wins() {
        Run run = new Run("world", "lo w");
        run.text("hello world");

        assertThat(run.emittedText()).isEqualTo("hel");
        assertThat(run.emitted
                        .get(run.emitted.size() - 2)
                        .data()
                        .at("/delta/stop_sequence")
                        .asString())
                .isEqualTo("lo w");
    }

    @Test
    void the_shortest_sequence_wins_when_two_complete_together() {
        Run run = new Run("abc", "bc");
        run.text("xa", "bcx");

        assertThat(run.emittedText()).isEqualTo("xa");
        assertThat(run.emitted
                        .get(run.emitted.size() - 2)
                        .data()
                        .at("/delta/stop_sequence")
                        .asString())
                .isEqualTo("bc");
    }

    @Test
    void multi_byte_sequences_match_and_characters_are_never_split() {
        Run cjk = new Run("结束");
        cjk.text("你好，", "结", "束了");
        assertThat(cjk.emittedText()).isEqualTo("你好，");

        Run emoji = new Run("🛑");
        emoji.text("stop 🛑".substring(0, 6), "🛑".substring(1) + " after");
        assertThat(emoji.emittedText()).isEqualTo("stop ");

        Run split = new Run("zz");
        List<Event> first = split.text("ab\uD83D");
        assertThat(textOf(first)).isEqualTo("ab");
        assertThat(textOf(split.text("\uDE00c"))).isEqualTo("😀c");
    }

    @Test
    void held_text_is_released_before_the_block_stops() {
        Run run = new Run("STOP");
        run.text("foo S");
        run.feed(blockStop(0));

        assertThat(run.emittedText()).isEqualTo("foo S");
        assertThat(run.names().subList(2, run.names().size()))
                .containsExactly("content_block_delta", "content_block_delta", "content_block_stop");
    }

    @Test
    void held_text_is_released_when_the_stream_ends() {
        Run run = new Run("STOP");
        run.text("foo ST");
        Step end = run.filter.onEnd();

        assertThat(textOf(end.events())).isEqualTo("ST");
        assertThat(end.stopped()).isFalse();
    }

    @Test
    void pings_between_deltas_do_not_break_a_match() {
        Run run = new Run("END");
        run.text("x E");
        run.feed(ping());
        run.text("ND");

        assertThat(run.emittedText()).isEqualTo("x ");
        assertThat(run.stopped).isTrue();
    }

    @Test
    void thinking_is_not_matched_and_passes_unchanged() {
        Run run = new Run("END");
        ObjectNode thinking = thinkingDelta(0, "I will END it");
        List<Event> out = run.feed(thinking);

        assertThat(out).containsExactly(new Event("content_block_delta", thinking));
        assertThat(run.stopped).isFalse();
    }

    @Test
    void unknown_fields_of_a_text_delta_survive() {
        Run run = new Run("END");
        ObjectNode delta = textDelta(0, "hi");
        delta.put("extra", 7);
        List<Event> out = run.feed(delta);

        assertThat(out.getFirst().data().path("extra").asInt()).isEqualTo(7);
    }

    @Test
    void empty_sequences_are_ignored() {
        StopSequences sequences = StopSequences.of(List.of("", "X", "X"));
        assertThat(sequences.sequences()).containsExactly("X");
        assertThat(StopSequences.of(List.of("")).isEmpty()).isTrue();

        Run run = new Run("");
        run.text("anything at all");
        assertThat(run.emittedText()).isEqualTo("anything at all");
    }

    @Test
    void the_sequences_are_read_from_the_request() {
        StopSequences sequences = StopSequences.from(json("{\"stop_sequences\":[\"A\",\"\",3,\"B\"]}"));
        assertThat(sequences.sequences()).containsExactly("A", "B");
        assertThat(StopSequences.from(json("{}")).isEmpty()).isTrue();
    }

    @Test
    void a_complete_message_is_cut_at_the_first_match() {
        ObjectNode message = json("{\"type\":\"message\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"END\"},"
                + "{\"type\":\"text\",\"text\":\"Hello END world\"},{\"type\":\"tool_use\",\"id\":\"t\"}],"
                + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null}");

        assertThat(StopSequences.of(List.of("END")).cut(message)).hasValue("END");
        assertThat(message)
                .isEqualTo(json("{\"type\":\"message\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"END\"},"
                        + "{\"type\":\"text\",\"text\":\"Hello \"}],"
                        + "\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"END\"}"));
    }

    @Test
    void a_complete_message_without_a_match_is_left_alone() {
        String json = "{\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}],\"stop_reason\":\"end_turn\"}";
        ObjectNode message = json(json);

        assertThat(StopSequences.of(List.of("END")).cut(message)).isEmpty();
        assertThat(message).isEqualTo(json(json));
    }

    @Test
    void any_chunking_of_a_stream_gives_the_result_of_the_complete_text() {
        String text = "Ein Käfer 🐞 krabbelt — STO und STOPP? Nein: 終わり、そして END 🐞🛑 danach";
        List<List<String>> sequenceSets =
                List.of(List.of("STOPP"), List.of("終わり"), List.of("🛑", "END"), List.of("🐞🛑"), List.of("nope"));
        Random random = new Random(20261202L);
        for (List<String> set : sequenceSets) {
            StopSequences sequences = StopSequences.of(set);
            var whole = sequences.find(text);
            String expected = whole.map(m -> text.substring(0, m.start())).orElse(text);
            for (int round = 0; round < 100; round++) {
                Run run = new Run(set.toArray(String[]::new));
                int at = 0;
                while (at < text.length() && !run.stopped) {
                    int next = Math.min(text.length(), at + 1 + random.nextInt(6));
                    run.text(text.substring(at, next));
                    at = next;
                }
                run.feed(blockStop(0));
                run.emitted.addAll(run.filter.onEnd().events());

                assertThat(run.emittedText()).as("%s round %d", set, round).isEqualTo(expected);
                assertThat(run.stopped).isEqualTo(whole.isPresent());
                for (Event event : run.emitted) {
                    String piece = event.data().path("delta").path("text").asString("");
                    if (!piece.isEmpty()) {
                        assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1)))
                                .isFalse();
                    }
                }
            }
        }
    }
}
