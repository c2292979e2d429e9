package io.clewdr.relay;

import io.clewdr.server.ResponseStream;
import io.clewdr.sse.SseDecoder;
import io.clewdr.sse.SseEvent;
import io.clewdr.upstream.BodySubscriber;
import io.clewdr.upstream.UpstreamResponse;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relays one upstream Anthropic event stream to the client as it arrives, holding the commit point.
 *
 * <p>Until the first real event (anything but {@code ping} or {@code error}) nothing reaches the
 * client: an {@code error} event, a cut or an empty body before then fails {@link #started()}, and
 * the attempt loop may try another credential. From the first real event on, the client stream is
 * open; every event is decoded, passed through the stages and encoded, and the events of one
 * upstream read are flushed together before the next read; a later failure becomes an in-stream
 * error event, never a clean end. A slow client pauses the upstream (Netty
 * writability), a client that leaves cancels it at once. All callbacks run on the upstream's event
 * loop and never block.
 */
final class StreamRelay implements BodySubscriber {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Logger LOG = LoggerFactory.getLogger(StreamRelay.class);
    /** A builder is not safe for concurrent use; its factory is. */
    private static final ThreadFactory AFTER_STREAM_THREADS =
            Thread.ofVirtual().name("clewdr-after-stream").factory();

    private static final Executor AFTER_STREAM =
            task -> AFTER_STREAM_THREADS.newThread(task).start();
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    /** Why a stream failed before anything reached the client. */
    sealed interface EarlyFailure {
        /** The upstream sent an {@code error} event first. */
        record ErrorEvent(JsonNode data) implements EarlyFailure {}

        /** The body failed or ended before any event. */
        record Broken(String why) implements EarlyFailure {}
    }

    /** How the relayed stream ended. */
    enum Ending {
        /** {@code message_stop} (or a stop sequence) reached the client. */
        COMPLETE,
        /** The upstream failed mid-stream; the client got an error event. */
        CUT,
        /** The client went away; the upstream was cancelled. */
        CLIENT_GONE
    }

    private final UpstreamResponse upstream;
    private final List<EventStage> stages;
    private final ClientEncoder encoder;
    private final UsageMeter meter;
    private final Supplier<ResponseStream> opener;
    private final SseDecoder decoder = SseDecoder.create(this::onSse);
    private final CompletableFuture<@Nullable EarlyFailure> started = new CompletableFuture<>();
    private final CompletableFuture<Ending> finished = new CompletableFuture<>();
    private final List<byte[]> pending = new ArrayList<>();
    private @Nullable ResponseStream client;
    private boolean messageStopped;
    private boolean done;
    /** Frames were queued on the client stream and not flushed yet. */
    private boolean queued;
    /** Content deltas go out as the upstream's bytes, unread: no stage and a pass-through client. */
    private final boolean rawDeltas;

    StreamRelay(
            UpstreamResponse upstream,
            List<EventStage> stages,
            ClientEncoder encoder,
            UsageMeter meter,
            Supplier<ResponseStream> opener) {
        this.upstream = upstream;
        this.stages = List.copyOf(stages);
        this.encoder = encoder;
        this.meter = meter;
        this.opener = opener;
        this.rawDeltas = this.stages.isEmpty() && encoder.relaysUpstreamBytes();
    }

    /** Subscribes to the upstream body. */
    StreamRelay begin() {
        upstream.body(this);
        return this;
    }

    /** @return completes with null once the client stream is open, or with why it never opened */
    CompletableFuture<@Nullable EarlyFailure> started() {
        return started;
    }

    /** @return completes when the relayed stream has ended */
    CompletableFuture<Ending> finished() {
        return finished;
    }

    /**
     * Runs {@code work} once the stream has ended, on a virtual thread of its own (it may block:
     * usage is recorded, the pool persisted). The request's own thread returns as soon as the
     * stream is open instead of waiting for its end: a parked thread would keep its stack (a few
     * kilobytes) and the request body reachable for the stream's whole life, which at thousands of
     * streams is most of what the collector has to promote.
     */
    void whenFinished(Consumer<Ending> work) {
        finished.thenAcceptAsync(work, AFTER_STREAM).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.error("the bookkeeping after a stream failed: {}", failure.toString(), failure);
            }
        });
    }

    @Override
    public void onChunk(ByteBuf chunk) {
        try {
            if (!done) {
                decoder.feed(chunk);
            }
        } catch (RuntimeException e) {
            fail("the upstream stream was malformed: " + e.getMessage());
        } finally {
            chunk.release();
            flushQueued();
        }
    }

    /** The events of one upstream read go out together, still before the next read. */
    private void flushQueued() {
        ResponseStream stream = client;
        if (queued && stream != null) {
            queued = false;
            stream.flush();
        }
    }

    @Override
    public void onComplete() {
        if (done) {
            return;
        }
        decoder.end();
        if (!done) {
            finish(messageStopped, "the upstream stream ended before message_stop");
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!done) {
            fail("the upstream stream failed: " + error.getMessage());
        }
    }

    private void onSse(SseEvent sse) {
        if (done) {
            return;
        }
        if (rawDeltas && "content_block_delta".equals(sse.event())) {
            // Most of a stream, and nothing here needs its tree: the meter takes its text, and the
            // client gets its bytes. Data that is not JSON is dropped, as below.
            if (meter.observeDelta(sse.data())) {
                emit(List.of(new Event("content_block_delta", null, sse)));
            }
            return;
        }
        JsonNode data;
        try {
            data = JSON.readTree(sse.data().isEmpty() ? "{}" : sse.data());
        } catch (JacksonException e) {
            return; // not JSON: no Anthropic client could use it
        }
        String name = sse.event() != null ? sse.event() : data.path("type").asString("message");
        if (client == null && name.equals("error")) {
            done = true;
            upstream.cancel();
            started.complete(new EarlyFailure.ErrorEvent(data));
            finished.complete(Ending.CUT);
            return;
        }
        List<Event> events = List.of(new Event(name, data, sse));
        for (EventStage stage : stages) {
            List<Event> next = new ArrayList<>();
            for (Event e : events) {
                next.addAll(stage.onEvent(e));
            }
            events = next;
        }
        emit(events);
        for (EventStage stage : stages) {
            if (stage.stopped()) {
                upstream.cancel();
                finish(true, "");
                return;
            }
        }
    }

    private void emit(List<Event> events) {
        for (Event event : events) {
            meter.observe(event);
            if (event.name().equals("message_stop")) {
                messageStopped = true;
            }
            List<byte[]> frames = encoder.encode(event);
            if (client == null) {
                pending.addAll(frames);
                if (!event.name().equals("ping")) {
                    open();
                }
            } else {
                write(frames);
            }
        }
    }

    private void open() {
        ResponseStream stream = opener.get();
        client = stream;
        stream.onClose(() -> {
            if (!done) {
                done = true;
                upstream.cancel();
                finished.complete(Ending.CLIENT_GONE);
            }
        });
        stream.onWritable(upstream::resume);
        stream.keepAlive(KEEP_ALIVE, encoder.keepAlive());
        started.complete(null);
        write(pending);
        pending.clear();
    }

    private void write(List<byte[]> frames) {
        ResponseStream stream = client;
        if (stream == null) {
            return;
        }
        for (byte[] frame : frames) {
            stream.append(frame);
            queued = true;
        }
        if (!stream.writable()) {
            upstream.pause();
        }
    }

    private void fail(String why) {
        if (client == null) {
            done = true;
            upstream.cancel();
            started.complete(new EarlyFailure.Broken(why));
            finished.complete(Ending.CUT);
            return;
        }
        finish(false, why);
    }

    private void finish(boolean complete, String why) {
        if (done) {
            return;
        }
        List<Event> tail = new ArrayList<>();
        for (EventStage stage : stages) {
            tail.addAll(stage.onEnd());
        }
        emit(tail);
        boolean clean = complete || messageStopped;
        if (client == null) {
            done = true;
            started.complete(new EarlyFailure.Broken(clean ? "the upstream sent no events" : why));
            finished.complete(Ending.CUT);
            return;
        }
        done = true;
        write(encoder.end(clean, why));
        ResponseStream stream = client;
        if (stream != null) {
            stream.end();
        }
        finished.complete(clean ? Ending.COMPLETE : Ending.CUT);
    }
}
