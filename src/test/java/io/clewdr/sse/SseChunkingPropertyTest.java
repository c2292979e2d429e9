package io.clewdr.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the decoder over many random inputs (seeded, so a failure is reproducible): the way
 * bytes are split into chunks never changes the events, and whatever the encoder writes decodes back.
 */
class SseChunkingPropertyTest {

    /** Several events in mixed line-end styles, with comments, multi-line and non-ASCII data. */
    private static final String STREAM = "event: message_start\r\ndata: {\"a\":\"é😀\"}\r\n\r\n"
            + ": ping\n\n"
            + "data: line one\rdata: line two\r\r"
            + "id: 3\nretry: 10\ndata: 世界\n\n"
            + "event: content_block_delta\ndata: {\"t\":\"x\"}\r\n\n"
            + "data: tail\n\n";

    private static final byte[] BYTES = STREAM.getBytes(StandardCharsets.UTF_8);
    private static final char[] LINE_CHARS = "abcdefghijklmnopqrstuvwxyz :{\"é世\n\r".toCharArray();

    @Test
    void any_chunking_of_the_same_bytes_gives_the_same_events() {
        List<SseEvent> whole = decodeInChunks(List.of());
        assertThat(whole).hasSize(5);
        Random random = new Random(20261202L);
        for (int round = 0; round < 500; round++) {
            List<Integer> cuts = new ArrayList<>();
            int count = random.nextInt(41);
            for (int i = 0; i < count; i++) {
                cuts.add(random.nextInt(BYTES.length + 1));
            }
            cuts.sort(null);
            assertThat(decodeInChunks(cuts)).as("cuts %s", cuts).containsExactlyElementsOf(whole);
        }
    }

    @Test
    void encoded_events_decode_back_to_themselves() {
        Random random = new Random(42L);
        for (int round = 0; round < 200; round++) {
            List<SseEvent> input = randomEvents(random);
            int chunkSize = 1 + random.nextInt(64);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
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
                    .as("round %d", round)
                    .containsExactlyElementsOf(input.stream()
                            .map(e -> new SseEvent(e.event(), normaliseLineEnds(e.data()), e.id(), e.retry()))
                            .toList());
        }
    }

    private static List<SseEvent> randomEvents(Random random) {
        List<SseEvent> events = new ArrayList<>();
        int count = random.nextInt(9);
        for (int i = 0; i < count; i++) {
            events.add(new SseEvent(
                    randomName(random),
                    randomLine(random),
                    randomName(random),
                    random.nextDouble() < 0.7 ? null : (long) random.nextInt(100_001)));
        }
        return events;
    }

    private static String randomName(Random random) {
        if (random.nextDouble() < 0.4) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            name.append(random.nextInt(27) == 26 ? '_' : (char) ('a' + random.nextInt(26)));
        }
        return name.toString();
    }

    private static String randomLine(Random random) {
        StringBuilder line = new StringBuilder();
        int length = random.nextInt(31);
        for (int i = 0; i < length; i++) {
            line.append(LINE_CHARS[random.nextInt(LINE_CHARS.length)]);
        }
        return line.toString();
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
