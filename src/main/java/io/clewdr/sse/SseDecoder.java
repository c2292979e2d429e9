package io.clewdr.sse;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A chunk-fed Server-Sent Events decoder: bytes go in as they arrive, each complete event comes out
 * through a callback. Pure: no I/O, no threads, one instance per stream, not thread-safe.
 *
 * <p>What it accepts, matching the parsers of the official SDKs (protocols.md §0):
 *
 * <ul>
 *   <li>line ends LF, CR and CRLF, mixed freely, also when a CRLF is split between two chunks;
 *   <li>an event ends at a blank line; lines starting with {@code :} are comments;
 *   <li>fields {@code event}, {@code data}, {@code id}, {@code retry}; several {@code data} lines are
 *       joined with {@code \n}; one space after the colon is stripped; a line without a colon is a
 *       field with an empty value; unknown fields are ignored;
 *   <li>UTF-8 split anywhere between chunks (a line is decoded only once it is complete);
 *   <li>a leading byte-order mark is skipped.
 * </ul>
 *
 * <p>An event is dispatched when at least one of its four fields was seen (as the Stainless SDKs
 * do), so an event with only {@code event:} arrives with empty data. {@code id} is per event, not
 * carried over to later events.
 *
 * <p>Limit: a single line may hold at most {@link #DEFAULT_MAX_LINE_BYTES} bytes (1 MiB, the
 * terminator not counted) unless configured otherwise; a longer line fails the stream with an
 * {@link SseException}, after which the decoder refuses more input. The limit also bounds the
 * memory a peer can make us hold for one line.
 */
public final class SseDecoder {

    /** Default limit on the bytes of one line: 1 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    // A direct buffer is copied out through a scratch array that lives as long as the stream, so it
    // grows with the chunks actually seen (deltas are a few hundred bytes) up to this bound.
    private static final int MAX_SCRATCH_BYTES = 16 * 1024;
    private static final int MIN_SCRATCH_BYTES = 512;

    /** How a stream ended, as reported by {@link #end()}. */
    public enum Ending {
        /** The bytes ended on an event boundary (or held no event at all). */
        CLEAN,
        /**
         * The last event had complete lines but no closing blank line; it was dispatched anyway.
         */
        FLUSHED,
        /** The bytes ended in the middle of a line; the unfinished event was discarded. */
        TRUNCATED
    }

    private final Consumer<SseEvent> listener;
    private final int maxLineBytes;

    private byte[] line = new byte[256];
    private int lineLength;
    private byte[] scratch;
    private boolean skipLf;
    private boolean firstLine = true;
    private boolean failed;
    private boolean ended;

    private final StringBuilder data = new StringBuilder();
    private boolean pending;
    private boolean hasData;
    private String eventName;
    private String id;
    private Long retry;

    private SseDecoder(Consumer<SseEvent> listener, int maxLineBytes) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (maxLineBytes <= 0) {
            throw new IllegalArgumentException("maxLineBytes: " + maxLineBytes + " (expected: > 0)");
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** A decoder with the default 1 MiB line limit that hands every event to {@code listener}. */
    public static SseDecoder create(Consumer<SseEvent> listener) {
        return new SseDecoder(listener, DEFAULT_MAX_LINE_BYTES);
    }

    /** A decoder that fails on any line longer than {@code maxLineBytes} bytes. */
    public static SseDecoder create(Consumer<SseEvent> listener, int maxLineBytes) {
        return new SseDecoder(listener, maxLineBytes);
    }

    /** Feeds all of {@code bytes}. */
    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /**
     * Feeds {@code length} bytes of {@code bytes} from {@code offset}; complete events are handed to
     * the listener before this returns (an exception from the listener propagates).
     *
     * @throws SseException if a line exceeds the limit, or the decoder failed earlier
     */
    public void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        checkUsable();
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (skipLf) {
                skipLf = false;
                if (bytes[i] == '\n') {
                    i++;
                    continue;
                }
            }
            int t = indexOfLineEnd(bytes, i, end);
            if (t < 0) {
                append(bytes, i, end - i);
                return;
            }
            if (lineLength == 0) {
                checkLimit(t - i);
                onLine(bytes, i, t - i);
            } else {
                append(bytes, i, t - i);
                onLine(line, 0, lineLength);
                lineLength = 0;
            }
            if (bytes[t] == '\r') {
                if (t + 1 < end) {
                    if (bytes[t + 1] == '\n') {
                        t++;
                    }
                } else {
                    skipLf = true; // a LF opening the next chunk belongs to this CR
                }
            }
            i = t + 1;
        }
    }

    /**
     * Feeds every readable byte of {@code buffer} and advances its reader index past them. The
     * buffer is not released; that stays with the caller.
     */
    public void feed(ByteBuf buffer) {
        int n = buffer.readableBytes();
        if (buffer.hasArray()) {
            feed(buffer.array(), buffer.arrayOffset() + buffer.readerIndex(), n);
            buffer.skipBytes(n);
            return;
        }
        int wanted = Math.min(MAX_SCRATCH_BYTES, Math.max(MIN_SCRATCH_BYTES, n));
        if (scratch == null || scratch.length < wanted) {
            scratch = new byte[Integer.highestOneBit(wanted - 1) << 1];
        }
        while (buffer.isReadable()) {
            int slice = Math.min(buffer.readableBytes(), scratch.length);
            buffer.readBytes(scratch, 0, slice);
            feed(scratch, 0, slice);
        }
    }

    /**
     * Signals the end of the bytes. An event whose lines were all complete but which lacked its
     * closing blank line is dispatched ({@link Ending#FLUSHED}); an event cut in the middle of a line
     * is discarded ({@link Ending#TRUNCATED}). The decoder accepts no input afterwards.
     */
    public Ending end() {
        if (ended) {
            throw new IllegalStateException("end() was already called");
        }
        ended = true;
        if (failed || lineLength > 0) {
            lineLength = 0;
            return Ending.TRUNCATED;
        }
        if (pending) {
            dispatch();
            return Ending.FLUSHED;
        }
        return Ending.CLEAN;
    }

    private void checkUsable() {
        if (ended) {
            throw new IllegalStateException("the decoder has ended");
        }
        if (failed) {
            throw new SseException("the SSE stream already failed: a line exceeded " + maxLineBytes + " bytes");
        }
    }

    private static int indexOfLineEnd(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                return i;
            }
        }
        return -1;
    }

    private void checkLimit(int length) {
        if (length > maxLineBytes) {
            failed = true;
            lineLength = 0;
            throw new SseException("SSE line too long: more than " + maxLineBytes + " bytes without a line end (limit: "
                    + maxLineBytes + ")");
        }
    }

    private void append(byte[] bytes, int offset, int length) {
        checkLimit(lineLength + length);
        if (lineLength + length > line.length) {
            int grown = Math.max(line.length * 2, lineLength + length);
            line = Arrays.copyOf(line, Math.min(grown, maxLineBytes));
        }
        System.arraycopy(bytes, offset, line, lineLength, length);
        lineLength += length;
    }

    private void onLine(byte[] bytes, int offset, int length) {
        if (firstLine) {
            firstLine = false;
            if (length >= 3
                    && bytes[offset] == (byte) 0xEF
                    && bytes[offset + 1] == (byte) 0xBB
                    && bytes[offset + 2] == (byte) 0xBF) {
                offset += 3;
                length -= 3;
            }
        }
        if (length == 0) {
            if (pending) {
                dispatch();
            }
            return;
        }
        if (bytes[offset] == ':') {
            return; // comment, used as keep-alive
        }
        int colon = -1;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == ':') {
                colon = i;
                break;
            }
        }
        int nameLength = colon < 0 ? length : colon - offset;
        int valueStart = colon < 0 ? offset + length : colon + 1;
        int end = offset + length;
        if (valueStart < end && bytes[valueStart] == ' ') {
            valueStart++;
        }
        onField(bytes, offset, nameLength, valueStart, end);
    }

    private void onField(byte[] bytes, int nameOffset, int nameLength, int valueStart, int end) {
        if (is(bytes, nameOffset, nameLength, "data")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(new String(bytes, valueStart, end - valueStart, StandardCharsets.UTF_8));
            hasData = true;
            pending = true;
        } else if (is(bytes, nameOffset, nameLength, "event")) {
            eventName = new String(bytes, valueStart, end - valueStart, StandardCharsets.UTF_8);
            pending = true;
        } else if (is(bytes, nameOffset, nameLength, "id")) {
            String value = new String(bytes, valueStart, end - valueStart, StandardCharsets.UTF_8);
            if (value.indexOf('\0') < 0) {
                id = value;
                pending = true;
            }
        } else if (is(bytes, nameOffset, nameLength, "retry")) {
            Long parsed = parseRetry(bytes, valueStart, end);
            if (parsed != null) {
                retry = parsed;
                pending = true;
            }
        }
    }

    private static boolean is(byte[] bytes, int offset, int length, String name) {
        if (length != name.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[offset + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static Long parseRetry(byte[] bytes, int from, int to) {
        if (from == to || to - from > 18) {
            return null; // empty, or too many digits for a long: ignored like any invalid retry
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b < '0' || b > '9') {
                return null;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private void dispatch() {
        SseEvent event = new SseEvent(eventName, data.toString(), id, retry);
        data.setLength(0);
        pending = false;
        hasData = false;
        eventName = null;
        id = null;
        retry = null;
        listener.accept(event);
    }
}
