package io.clewdr.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponseStreamTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ResponseStream stream = new ResponseStream(channel, true, () -> {});

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void appended_pieces_leave_together_as_one_chunk_at_the_flush_in_their_order() {
        stream.append(bytes("event: a\n\n"));
        stream.append(bytes("event: b\n\n"));
        channel.runPendingTasks();

        assertThat(sent()).as("nothing leaves before the flush").isEmpty();

        stream.flush();

        assertThat(sent()).containsExactly("event: a\n\nevent: b\n\n");
        stream.flush();
        assertThat(sent()).as("a flush with nothing appended sends nothing").isEmpty();
    }

    @Test
    void a_written_piece_goes_after_what_was_appended_before_it() {
        stream.append(bytes("event: a\n\n"));
        stream.write(bytes(": ping\n\n"));

        assertThat(sent()).containsExactly("event: a\n\n", ": ping\n\n");
    }

    @Test
    void a_written_piece_leaves_at_once() {
        stream.write(bytes("event: a\n\n"));

        assertThat(sent()).containsExactly("event: a\n\n");
    }

    @Test
    void ending_sends_what_was_appended_before_the_end() {
        stream.append(bytes("event: last\n\n"));
        stream.end();

        assertThat(sent()).containsExactly("event: last\n\n", "<end>");
        stream.end();
        assertThat(sent()).as("one end only").isEmpty();
        stream.append(bytes("event: late\n\n"));
        stream.flush();
        assertThat(sent()).as("nothing after the end").isEmpty();
    }

    @Test
    void a_stream_begun_after_its_client_left_is_finished_at_once_and_tells_its_close_listeners() {
        EmbeddedChannel gone = new EmbeddedChannel();
        gone.close();
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        Exchange exchange = new Exchange(
                gone,
                new Request(
                        "req_1",
                        "POST",
                        "/v1/messages",
                        java.util.Map.of(),
                        new io.netty.handler.codec.http.DefaultHttpHeaders(),
                        new byte[0],
                        new java.net.InetSocketAddress("127.0.0.1", 1)),
                Protocol.ANTHROPIC,
                true,
                null,
                new Exchange.ExchangeListener() {
                    @Override
                    public void started(Exchange ex, int status, ResponseStream s) {}

                    @Override
                    public void finished(Exchange ex) {
                        finished.incrementAndGet();
                    }
                });

        ResponseStream late = exchange.stream(200, "text/event-stream", List.of());

        assertThat(finished.get())
                .as("finished, so the request leaves the in-flight count")
                .isEqualTo(1);
        java.util.concurrent.atomic.AtomicBoolean told = new java.util.concurrent.atomic.AtomicBoolean();
        late.onClose(() -> told.set(true));
        assertThat(told).as("a relay learns at once that its client is gone").isTrue();
        late.keepAlive(java.time.Duration.ofMillis(10), bytes(": ping\n\n"));
        gone.advanceTimeBy(1, java.util.concurrent.TimeUnit.SECONDS);
        gone.runScheduledPendingTasks();
        assertThat(gone.runScheduledPendingTasks())
                .as("no keep-alive task left to hold the stream and its channel")
                .isEqualTo(-1);
        late.end();
        assertThat(finished.get()).as("and only once").isEqualTo(1);
        assertThat(late.open()).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> sent() {
        List<String> out = new ArrayList<>();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            if (message instanceof LastHttpContent last && !last.content().isReadable()) {
                out.add("<end>");
            } else {
                HttpContent content = (HttpContent) message;
                out.add(content.content().toString(StandardCharsets.UTF_8));
            }
            ReferenceCountUtil.release(message);
        }
        return out;
    }
}
