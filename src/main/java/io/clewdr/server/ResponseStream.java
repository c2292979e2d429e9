package io.clewdr.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A response body written piece by piece, flushed per piece (one SSE event per write) or per group
 * of pieces that arrived together ({@link #append(byte[])}, then {@link #flush()}), which leave as
 * one HTTP chunk. Safe to use from any thread. Back-pressure: callers check {@link #writable()} and
 * register for {@link #onWritable(Runnable)} instead of buffering without bound; a client that
 * disconnects fires {@link #onClose(Runnable)} so the upstream can be cancelled at once.
 */
public final class ResponseStream {
    private final Channel channel;
    private final boolean keepAlive;
    private final Runnable finished;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> writableListeners = new CopyOnWriteArrayList<>();
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile @Nullable ScheduledFuture<?> keepAliveTask;
    /** Appended pieces not yet handed to the channel; guarded by {@code this}. */
    private final List<byte[]> appended = new ArrayList<>();

    ResponseStream(Channel channel, boolean keepAlive, Runnable finished) {
        this.channel = channel;
        this.keepAlive = keepAlive;
        this.finished = finished;
    }

    /**
     * Writes and flushes one piece.
     *
     * @param bytes the bytes, e.g. one encoded SSE event
     */
    public void write(byte[] bytes) {
        write(Unpooled.wrappedBuffer(bytes));
    }

    /**
     * Writes and flushes one piece; ownership of the buffer passes to the stream.
     *
     * @param buffer the bytes
     */
    public void write(ByteBuf buffer) {
        queueAppended();
        if (queue(buffer)) {
            channel.flush();
        }
    }

    /**
     * Keeps one piece without sending it yet: pieces that arrived together (several events in one
     * upstream read) then leave as one chunk at the next {@link #flush()}. One chunk instead of one
     * per event spares the channel a write (a task, when the caller is on another event loop), a
     * promise and a chunk frame per event.
     *
     * @param bytes the bytes, e.g. one encoded SSE event
     */
    public void append(byte[] bytes) {
        synchronized (this) {
            appended.add(bytes);
        }
    }

    /** Sends what {@link #append(byte[])} kept. */
    public void flush() {
        if (queueAppended()) {
            channel.flush();
        }
    }

    /** Hands the appended pieces to the channel as one chunk; whether there were any to send. */
    private boolean queueAppended() {
        return !ended.get() && sendAppended();
    }

    private boolean sendAppended() {
        byte[][] pieces;
        synchronized (this) {
            if (appended.isEmpty()) {
                return false;
            }
            pieces = appended.toArray(byte[][]::new);
            appended.clear();
        }
        return send(Unpooled.wrappedBuffer(pieces));
    }

    private boolean queue(ByteBuf buffer) {
        if (ended.get()) {
            buffer.release();
            return false;
        }
        return send(buffer);
    }

    private boolean send(ByteBuf buffer) {
        if (!channel.isActive()) {
            buffer.release();
            return false;
        }
        lastWriteNanos = System.nanoTime();
        channel.write(new DefaultHttpContent(buffer)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        return true;
    }

    /** @return whether the client is still connected and the stream not ended */
    public boolean open() {
        return !ended.get() && channel.isActive();
    }

    /** @return whether the client is keeping up (Netty's outbound buffer is below its high mark) */
    public boolean writable() {
        return channel.isWritable();
    }

    /**
     * Runs an action each time the client catches up after {@link #writable()} was false.
     *
     * @param action the action (runs on the event loop; must not block)
     */
    public void onWritable(Runnable action) {
        writableListeners.add(action);
    }

    /**
     * Runs an action when the client disconnects before the stream ended.
     *
     * @param action the action (runs on the event loop; must not block)
     */
    public void onClose(Runnable action) {
        closeListeners.add(action);
        if (!channel.isActive()) {
            action.run();
        }
    }

    /**
     * Sends a keep-alive frame whenever nothing was written for the interval, until the stream ends.
     *
     * @param interval the silence that triggers a frame
     * @param frame the frame, e.g. an Anthropic {@code ping} event or an SSE comment
     */
    public void keepAlive(Duration interval, byte[] frame) {
        if (ended.get()) {
            return; // a task for an ended stream would keep it, its channel and its relay forever
        }
        long nanos = interval.toNanos();
        keepAliveTask = channel.eventLoop()
                .scheduleAtFixedRate(
                        () -> {
                            if (System.nanoTime() - lastWriteNanos >= nanos) {
                                write(frame);
                            }
                        },
                        nanos,
                        nanos / 2,
                        TimeUnit.NANOSECONDS);
        if (ended.get()) {
            stopKeepAlive(); // the stream ended while the task was being set up
        }
    }

    /** Ends the body cleanly. */
    public void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        stopKeepAlive();
        sendAppended(); // what was appended before the end still goes out, ahead of it
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener((ChannelFutureListener) f -> {
            finished.run();
            if (!keepAlive || !f.isSuccess()) {
                f.channel().close();
            }
        });
    }

    /** Ends the body by closing the connection, so the client sees an incomplete response. */
    public void abort() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        stopKeepAlive();
        channel.close();
        finished.run();
    }

    void channelClosed() {
        stopKeepAlive();
        if (ended.compareAndSet(false, true)) {
            for (Runnable listener : closeListeners) {
                listener.run();
            }
            finished.run();
        }
    }

    void writabilityChanged() {
        if (channel.isWritable()) {
            for (Runnable listener : writableListeners) {
                listener.run();
            }
        }
    }

    private void stopKeepAlive() {
        ScheduledFuture<?> task = keepAliveTask;
        if (task != null) {
            task.cancel(false);
        }
    }
}
