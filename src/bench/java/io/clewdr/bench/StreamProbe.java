package io.clewdr.bench;

import io.netty.buffer.ByteBuf;

/**
 * Checks one SSE answer as it arrives. It reads the {@code #seq@nanos;} marks of the mock's deltas
 * wherever the proxy put the text (Anthropic {@code text_delta}, OpenAI {@code delta.content}) and
 * fails the stream when a delta is missing or out of order, when it ends short, without its
 * terminal event ({@code message_stop}, or {@code [DONE]} for OpenAI), with an error event, or is
 * cut. A delta later than {@code lateNanos} after its scheduled send counts as late.
 */
final class StreamProbe implements Exchange {
    private final long intendedNanos;
    private final int expected;
    private final long lateNanos;
    private final StreamStats stats;
    private final Runnable done;
    private final Needle terminal;
    private final Needle errorEvent = new Needle("event: error");
    private final Needle errorJson;
    private int status;
    private int nextSeq;
    private long lastArrival;
    private boolean ended;
    private boolean errored;
    private String broken = "";
    // The #seq@nanos; reader: 0 outside a mark, 1 in the sequence number, 2 in the time.
    private int state;
    private long seq;
    private long stamp;

    StreamProbe(long intendedNanos, int expected, long lateNanos, boolean openAi, StreamStats stats, Runnable done) {
        this.intendedNanos = intendedNanos;
        this.expected = expected;
        this.lateNanos = lateNanos;
        this.stats = stats;
        this.done = done;
        this.terminal = new Needle(openAi ? "[DONE]" : "message_stop");
        this.errorJson = new Needle(openAi ? "{\"error\"" : "\"type\":\"error\"");
        stats.started();
    }

    @Override
    public void headers(int status, long nanos) {
        this.status = status;
        stats.ttfb.recordValue(Math.max(0, nanos - intendedNanos));
    }

    @Override
    public void content(ByteBuf piece, long nanos) {
        for (int i = piece.readerIndex(); i < piece.writerIndex(); i++) {
            byte b = piece.getByte(i);
            if (terminal.feed(b)) {
                ended = true;
            }
            if (errorEvent.feed(b) | errorJson.feed(b)) {
                errored = true;
            }
            mark(b, nanos);
        }
    }

    private void mark(byte b, long nanos) {
        if (b == '#') {
            state = 1;
            seq = 0;
        } else if (state == 1 && b >= '0' && b <= '9') {
            seq = seq * 10 + (b - '0');
        } else if (state == 1 && b == '@') {
            state = 2;
            stamp = 0;
        } else if (state == 2 && b >= '0' && b <= '9') {
            stamp = stamp * 10 + (b - '0');
        } else if (state == 2 && b == ';') {
            state = 0;
            delta((int) seq, stamp, nanos);
        } else {
            state = 0;
        }
    }

    private void delta(int got, long scheduled, long nanos) {
        if (got != nextSeq && broken.isEmpty()) {
            broken = got > nextSeq ? "lost delta" : "reordered";
        }
        nextSeq = got + 1;
        stats.deltas++;
        long delay = nanos - scheduled;
        stats.deltaDelay.recordValue(Math.max(0, delay));
        if (delay > lateNanos) {
            stats.late++;
        }
        if (got == 0) {
            stats.ttft.recordValue(Math.max(0, nanos - intendedNanos));
        } else {
            stats.gap.recordValue(Math.max(0, nanos - lastArrival));
        }
        lastArrival = nanos;
    }

    @Override
    public void end(long nanos) {
        stats.stopped();
        if (status != 200) {
            stats.failed("status " + status);
        } else if (errored) {
            stats.failed("error event");
        } else if (!broken.isEmpty()) {
            stats.failed(broken);
        } else if (nextSeq < expected) {
            stats.failed("short");
        } else if (!ended) {
            stats.failed("no terminal event");
        } else {
            stats.completed++;
        }
        done.run();
    }

    @Override
    public void fail(String why, long nanos) {
        stats.stopped();
        stats.failed(why);
        done.run();
    }
}
