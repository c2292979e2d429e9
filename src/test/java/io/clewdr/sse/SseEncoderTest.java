package io.clewdr.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEncoderTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void a_named_event_has_its_event_line_then_data_then_a_blank_line() {
        assertThat(text(SseEncoder.event("ping", "{\"type\":\"ping\"}")))
                .isEqualTo("event: ping\ndata: {\"type\":\"ping\"}\n\n");
    }

    @Test
    void multi_line_data_becomes_several_data_lines() {
        assertThat(text(SseEncoder.data("a\nb\r\nc\rd"))).isEqualTo("data: a\ndata: b\ndata: c\ndata: d\n\n");
        assertThat(text(SseEncoder.data(""))).isEqualTo("data: \n\n");
        assertThat(text(SseEncoder.data("x\n"))).isEqualTo("data: x\ndata: \n\n");
    }

    @Test
    void id_and_retry_are_written_before_the_data() {
        assertThat(text(SseEncoder.encode(new SseEvent("e", "d", "9", 250L))))
                .isEqualTo("event: e\nid: 9\nretry: 250\ndata: d\n\n");
    }

    @Test
    void done_and_keep_alive_are_the_fixed_frames() {
        assertThat(text(SseEncoder.done())).isEqualTo("data: [DONE]\n\n");
        assertThat(text(SseEncoder.keepAlive())).startsWith(":").endsWith("\n\n");
    }

    @Test
    void an_event_name_with_a_line_break_is_refused() {
        assertThatThrownBy(() -> SseEncoder.event("a\nb", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event");
    }

    @Test
    void encoded_frames_round_trip_through_the_decoder() {
        List<SseEvent> decoded = new ArrayList<>();
        SseDecoder decoder = SseDecoder.create(decoded::add);
        decoder.feed(SseEncoder.event("message_start", "{\"a\":\"é\"}"));
        decoder.feed(SseEncoder.keepAlive());
        decoder.feed(SseEncoder.data("two\nlines"));
        decoder.feed(SseEncoder.done());
        assertThat(decoder.end()).isEqualTo(SseDecoder.Ending.CLEAN);
        assertThat(decoded)
                .containsExactly(
                        SseEvent.of("message_start", "{\"a\":\"é\"}"),
                        SseEvent.data("two\nlines"),
                        SseEvent.data("[DONE]"));
    }
}
