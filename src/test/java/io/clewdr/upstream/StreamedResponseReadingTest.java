package io.clewdr.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a response body stops the socket's reading: not for a short answer that is in before the
 * caller subscribed, once more than the read-ahead waits for a subscriber, and at once for a paused
 * one. What the transport is told is recorded; every step runs on the response's event loop, as the
 * transport's calls do.
 */
class StreamedResponseReadingTest {

    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final List<Boolean> readingCalls = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private final BodySource source = new BodySource() {
        @Override
        public void setReading(boolean reading) {
            readingCalls.add(reading);
        }

        @Override
        public void credit(int bytes) {}

        @Override
        public void abort() {}
    };

    private StreamedResponse response() {
        return new StreamedResponse(
                200,
                new DefaultHttpHeaders(),
                HttpProtocol.HTTP_1_1,
                loop,
                source,
                Duration.ofSeconds(30),
                "test",
                System::nanoTime);
    }

    private void onLoop(Runnable step) throws Exception {
        loop.submit(step).get(5, TimeUnit.SECONDS);
    }

    private static ByteBuf bytes(int size, int fill) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) fill);
        return Unpooled.wrappedBuffer(b);
    }

    @Test
    void a_short_answer_in_before_the_subscriber_never_stops_the_socket() throws Exception {
        StreamedResponse response = response();
        onLoop(() -> response.onData(bytes(1000, 'a'), 0));
        // Checked before the end: from then on the transport ignores what the response asks.
        assertThat(readingCalls).isEmpty();
        onLoop(response::onEnd);
        Recording recording = new Recording();
        response.body(recording);
        recording.done.get(5, TimeUnit.SECONDS);

        assertThat(recording.text()).isEqualTo("a".repeat(1000));
    }

    @Test
    void more_than_the_read_ahead_without_a_subscriber_stops_reading_until_one_comes() throws Exception {
        StreamedResponse response = response();
        int chunk = StreamedResponse.UNSUBSCRIBED_READ_AHEAD / 2;
        onLoop(() -> response.onData(bytes(chunk, 'a'), 0));
        assertThat(readingCalls).isEmpty();
        onLoop(() -> response.onData(bytes(chunk, 'b'), 0));
        assertThat(readingCalls).containsExactly(false);

        Recording recording = new Recording();
        response.body(recording);
        onLoop(() -> {}); // the subscription runs on the loop before this does
        assertThat(readingCalls).containsExactly(false, true);
        onLoop(() -> {
            response.onData(bytes(10, 'c'), 0);
            response.onEnd();
        });
        recording.done.get(5, TimeUnit.SECONDS);

        assertThat(recording.text()).isEqualTo("a".repeat(chunk) + "b".repeat(chunk) + "c".repeat(10));
    }

    @Test
    void a_paused_subscriber_stops_reading_at_the_first_chunk_it_did_not_take() throws Exception {
        StreamedResponse response = response();
        Recording recording = new Recording();
        response.body(recording);
        response.pause();
        onLoop(() -> response.onData(bytes(10, 'a'), 0));
        assertThat(readingCalls).containsExactly(false);
        assertThat(recording.chunks).isEmpty();

        response.resume();
        onLoop(response::onEnd);
        recording.done.get(5, TimeUnit.SECONDS);
        assertThat(recording.text()).isEqualTo("a".repeat(10));
        assertThat(readingCalls).containsExactly(false, true);
    }
}
