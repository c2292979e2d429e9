package io.clewdr.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SseChunkingPropertyTest {

    /** Several events in mixed line-end styles, with comments, multi-line and non-ASCII data. */
    private static final String STREAM = "event: message_start\r\ndata: {\"a\":\"é😀\"}\r\n\r\n"
            + ": ping\n\n"
            + "data: line one\rdata: line two\r\r"
            + "id: 3\nretry: 10\ndata: 世界\n\n"
            + "event: content_block_delta\ndata: {\"t\":\"x\"}\r\n\n"
            + "data: tail\n\n";

    private static final byte[] BYTES = STREAM.getBytes(StandardCharsets.UTF_8);

    @Property(tries = 500)
    void any_chunking_of_the_same_bytes_gives_the_same_events(@ForAll("cuts") List<Integer> cuts) {
        assertThat(decodeInChunks(cuts)).containsExactlyElementsOf(decodeInChunks(List.of()));
        assertThat(decodeInChunks(List.of())).hasSize(5);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers()
                .between(0, BYTES.length)
                .list()
                .ofMaxSize(40)
                .map(list -> list.stream().sorted().toList());
    }

    @Property(tries = 200)
    void encoded_events_decode_back_to_themselves(
            @ForAll("events") List<SseEvent> input, @ForAll("chunkSizes") int chunkSize) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (SseEvent e : input) {
            out.writeBytes(SseEncoder.encode(e));
        }
        byte[] bytes = out.toByteArray();
        List<SseEvent> decoded = new ArrayList<>();
        SseDecoder decoder = SseDecoder.create(decoded::add);
        for (int i = 0; i < bytes.length; i += chunkSize) {
            decoder.feed(bytes, i, Math.min(chunkSize, bytes.length - i));
        }
        assertThat(decoder.end()).isEqualTo(SseDecoder.Ending.CLEAN);
        assertThat(decoded)
                .containsExactlyElementsOf(input.stream()
                        .map(e -> new SseEvent(e.event(), normaliseLineEnds(e.data()), e.id(), e.retry()))
                        .toList());
    }

    @Provide
    Arbitrary<Integer> chunkSizes() {
        return Arbitraries.integers().between(1, 64);
    }

    @Provide
    Arbitrary<List<SseEvent>> events() {
        Arbitrary<String> line = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars(' ', ':', '{', '"', 'é', '世', '\n', '\r')
                .ofMaxLength(30);
        Arbitrary<String> name = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars('_')
                .ofMinLength(1)
                .ofMaxLength(12)
                .injectNull(0.4);
        Arbitrary<Long> retry = Arbitraries.longs().between(0, 100_000).injectNull(0.7);
        return Combinators.combine(name, line, name, retry)
                .as(SseEvent::new)
                .list()
                .ofMaxSize(8);
    }

    /** The wire has no way to tell CR, LF and CRLF apart inside data: all come back as LF. */
    private static String normaliseLineEnds(String data) {
        return data.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static List<SseEvent> decodeInChunks(List<Integer> cuts) {
        List<SseEvent> events = new ArrayList<>();
        SseDecoder decoder = SseDecoder.create(events::add);
        int from = 0;
        for (int cut : cuts) {
            decoder.feed(BYTES, from, cut - from);
            from = cut;
        }
        decoder.feed(BYTES, from, BYTES.length - from);
        assertThat(decoder.end()).isEqualTo(SseDecoder.Ending.CLEAN);
        return events;
    }
}
