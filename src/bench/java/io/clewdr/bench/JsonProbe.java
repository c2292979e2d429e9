package io.clewdr.bench;

import io.netty.buffer.ByteBuf;

/**
 * Checks one non-streaming answer: status 200 and the mock's reply text somewhere in the body (so
 * a proxy that answered from elsewhere, or lost the text in translation, counts as a failure).
 */
final class JsonProbe implements Exchange {
    private final long intendedNanos;
    private final Outcomes outcomes;
    private final Runnable done;
    private final Needle reply = new Needle(SseWire.REPLY_TEXT);
    private int status;
    private boolean found;

    JsonProbe(long intendedNanos, Outcomes outcomes, Runnable done) {
        this.intendedNanos = intendedNanos;
        this.outcomes = outcomes;
        this.done = done;
    }

    @Override
    public void headers(int status, long nanos) {
        this.status = status;
    }

    @Override
    public void content(ByteBuf piece, long nanos) {
        if (found) {
            return;
        }
        for (int i = piece.readerIndex(); i < piece.writerIndex(); i++) {
            if (reply.feed(piece.getByte(i))) {
                found = true;
                return;
            }
        }
    }

    @Override
    public void end(long nanos) {
        if (status != 200) {
            outcomes.failed("status " + status);
        } else if (!found) {
            outcomes.failed("reply text missing");
        } else {
            outcomes.ok(nanos - intendedNanos);
        }
        done.run();
    }

    @Override
    public void fail(String why, long nanos) {
        outcomes.failed(why);
        done.run();
    }
}
