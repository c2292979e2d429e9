package io.clewdr.sse;

import java.nio.charset.StandardCharsets;

/**
 * Encodes events as Server-Sent Events bytes, ready to write and flush. Field prefixes are
 * pre-encoded once; an event is assembled into one exactly sized array. Multi-line data (LF, CR or
 * CRLF inside) becomes several {@code data:} lines, which a decoder joins back with {@code \n}.
 * Stateless and thread-safe.
 */
public final class SseEncoder {

    private static final byte[] EVENT = ascii("event: ");
    private static final byte[] DATA = ascii("data: ");
    private static final byte[] ID = ascii("id: ");
    private static final byte[] RETRY = ascii("retry: ");
    private static final byte[] DONE = ascii("data: [DONE]\n\n");
    private static final byte[] KEEP_ALIVE = ascii(": keep-alive\n\n");

    private SseEncoder() {}

    /**
     * Encodes one event: {@code event:}, {@code id:}, {@code retry:} when present, then the data
     * lines, then the blank line.
     *
     * @throws IllegalArgumentException if the event name or id contains a line break
     */
    public static byte[] encode(SseEvent event) {
        byte[] name = event.event() == null ? null : singleLine("event", event.event());
        byte[] id = event.id() == null ? null : singleLine("id", event.id());
        byte[] retry = event.retry() == null ? null : ascii(Long.toString(event.retry()));
        byte[] data = event.data().getBytes(StandardCharsets.UTF_8);
        int size = dataSize(data) + 1;
        size += name == null ? 0 : EVENT.length + name.length + 1;
        size += id == null ? 0 : ID.length + id.length + 1;
        size += retry == null ? 0 : RETRY.length + retry.length + 1;
        byte[] out = new byte[size];
        int at = 0;
        at = name == null ? at : field(out, at, EVENT, name);
        at = id == null ? at : field(out, at, ID, id);
        at = retry == null ? at : field(out, at, RETRY, retry);
        at = dataLines(out, at, data);
        out[at] = '\n';
        return out;
    }

    /** Encodes a named event, the shape every Anthropic stream event needs. */
    public static byte[] event(String name, String data) {
        return encode(SseEvent.of(name, data));
    }

    /** Encodes an unnamed event holding only data, the shape of OpenAI and Gemini chunks. */
    public static byte[] data(String data) {
        return encode(SseEvent.data(data));
    }

    /** The OpenAI end-of-stream marker, {@code data: [DONE]} and a blank line (a fresh copy). */
    public static byte[] done() {
        return DONE.clone();
    }

    /** A comment line that keeps an idle connection open; every SSE parser ignores it. */
    public static byte[] keepAlive() {
        return KEEP_ALIVE.clone();
    }

    private static byte[] singleLine(String field, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(field + ": contains a line break (expected: a single line)");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static int field(byte[] out, int at, byte[] prefix, byte[] value) {
        System.arraycopy(prefix, 0, out, at, prefix.length);
        at += prefix.length;
        System.arraycopy(value, 0, out, at, value.length);
        at += value.length;
        out[at] = '\n';
        return at + 1;
    }

    /** Bytes needed for the data lines: one prefix and one LF per line, line breaks not copied. */
    private static int dataSize(byte[] data) {
        int size = DATA.length + 1;
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (b == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
                size += DATA.length + 1;
                i++;
            } else if (b == '\n' || b == '\r') {
                size += DATA.length + 1;
            } else {
                size++;
            }
        }
        return size;
    }

    private static int dataLines(byte[] out, int at, byte[] data) {
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            boolean lineEnd = i == data.length || data[i] == '\n' || data[i] == '\r';
            if (!lineEnd) {
                continue;
            }
            System.arraycopy(DATA, 0, out, at, DATA.length);
            at += DATA.length;
            System.arraycopy(data, start, out, at, i - start);
            at += i - start;
            out[at++] = '\n';
            if (i < data.length && data[i] == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
                i++;
            }
            start = i + 1;
        }
        return at;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
