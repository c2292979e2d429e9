package io.clewdr.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

    private static final String STREAM = """
            : a comment the decoder ignores
            event: message_start
            data: {"type":"message_start"}

            data: first line
            data:second line without the optional space
            data:  two spaces keep one

            id: 7
            retry: 1500
            data: with id and retry

            event: ping
            data

            """;

    private final List<SseEvent> events = new ArrayList<>();
    private final SseDecoder decoder = SseDecoder.create(events::add);

    private static List<SseEvent> expected() {
        return List.of(
                SseEvent.of("message_start", "{\"type\":\"message_start\"}"),
                SseEvent.data("first line\nsecond line without the optional space\n two spaces keep one"),
                new SseEvent(null, "with id and retry", "7", 1500L),
                SseEvent.of("ping", ""));
    }

    private void feed(String text) {
        decoder.feed(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void lf_separated_events_are_decoded() {
        feed(STREAM);
        assertThat(decoder.end()).isEqualTo(SseDecoder.Ending.CLEAN);
        assertThat(events).containsExactlyElementsOf(expected());
    }

    @Test
    void cr_separated_events_are_decoded() {
        feed(STREAM.replace("\n", "\r"));
        assertThat(decoder.end()).isEqualTo(SseDecoder.Ending.CLEAN);
        assertThat(events).containsExactlyElementsOf(expected());
    }

    @Test
    void crlf_separated_events_are_decoded() {
        feed(STREAM.replace("\n", "\r\n"));
        assertThat(decoder.end()).isEqualTo(SseDecoder.Ending.CLEAN);
        assertThat(events).containsExactlyElementsOf(expected());
    }

    @Test
    void a_crlf_split_between_chunks_is_one_line_end() {
        feed("data: a\r");
        feed("\ndata: b\r");
        feed("\n\r");
        feed("\n");
        assertThat(events).containsExactly(SseEvent.data("a\nb"));
    }

    @Test
    void a_cr_at_a_chunk_end_followed_by_another_line_is_not_swallowed() {
        feed("data: a\r");
        feed("\r");
        assertThat(events).containsExactly(SseEvent.data("a"));
    }

    @Test
    void utf8_split_inside_a_character_is_decoded_once_complete() {
        byte[] bytes = "data: héllo → 世界 😀\n\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            decoder.feed(new byte[] {b}, 0, 1);
        }
        assertThat(events).containsExactly(SseEvent.data("héllo → 世界 😀"));
    }

    @Test
    void a_leading_byte_order_mark_is_skipped() {
        decoder.feed(new byte[] {(byte) 0xEF, (byte) 0xBB});
        decoder.feed(new byte[] {(byte) 0xBF});
        feed("data: x\n\n");
        assertThat(events).containsExactly(SseEvent.data("x"));
    }

    @Test
    void blank_lines_without_fields_dispatch_nothing() {
        feed("\n\n: only a comment\n\n\n");
        assertThat(events).isEmpty();
    }

    @Test
    void unknown_fields_and_invalid_retry_are_ignored() {
        feed("foo: bar\nretry: 12a\ndata: d\n\n");
        assertThat(events).containsExactly(SseEvent.data("d"));
    }

    @Test
    void a_line_over_the_limit_fails_clearly_and_the_decoder_refuses_more() {
        SseDecoder small = SseDecoder.create(events::add, 16);
        small.feed("data: 0123456789".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> small.feed("x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SseException.class)
                .hasMessageContaining("line too long")
                .hasMessageContaining("16");
        assertThatThrownBy(() -> small.feed("\n\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SseException.class);
        assertThat(events).isEmpty();
    }

    @Test
    void a_long_line_within_one_chunk_is_checked_too() {
        SseDecoder small = SseDecoder.create(events::add, 8);
        assertThatThrownBy(() -> small.feed("data: 0123456789\n\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SseException.class);
    }

    @Test
    void a_line_exactly_at_the_limit_is_accepted() {
        SseDecoder small = SseDecoder.create(events::add, 8);
        small.feed("data: ab\n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(events).containsExactly(SseEvent.data("ab"));
    }

    @Test
    void end_flushes_an_event_that_lacks_its_blank_line() {
        feed("event: e\ndata: last\n");
        assertThat(decoder.end()).isEqualTo(SseDecoder.Ending.FLUSHED);
        assertThat(events).containsExactly(SseEvent.of("e", "last"));
    }

    @Test
    void end_reports_an_event_cut_mid_line_and_discards_it() {
        feed("data: {\"type\":\"content_block_del");
        assertThat(decoder.end()).isEqualTo(SseDecoder.Ending.TRUNCATED);
        assertThat(events).isEmpty();
        assertThatThrownBy(() -> feed("ta\"}\n\n")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void heap_and_direct_byte_bufs_are_consumed() {
        ByteBuf heap = Unpooled.copiedBuffer("data: a\n\n", StandardCharsets.UTF_8);
        ByteBuf direct = Unpooled.directBuffer();
        direct.writeBytes("data: b\n\n".getBytes(StandardCharsets.UTF_8));
        try {
            decoder.feed(heap);
            decoder.feed(direct);
            assertThat(heap.isReadable()).isFalse();
            assertThat(direct.isReadable()).isFalse();
        } finally {
            heap.release();
            direct.release();
        }
        assertThat(events).containsExactly(SseEvent.data("a"), SseEvent.data("b"));
    }
}
