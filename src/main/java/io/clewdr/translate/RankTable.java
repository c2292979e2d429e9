package io.clewdr.translate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The merge ranks of a byte-pair encoding, held compactly: every token's bytes in one array, their
 * offsets in another, and an open-addressing hash of token indexes. For the 200,000 tokens of
 * {@code o200k_base} that is about 4.3 MB of heap, where a map of boxed keys and values takes 26 MB; a
 * long-running proxy keeps the table for good once the web path has used it, so the difference stays
 * resident. A file whose ranks are its line numbers, as {@code o200k_base}'s are, keeps no rank array
 * (0.8 MB less).
 */
final class RankTable {
    private final byte[] bytes;
    private final int[] offsets;
    /** Each token's rank, or null when every rank equals the token's index. */
    private final int @Nullable [] ranks;
    /** Token index + 1 per slot; 0 is empty. The length is a power of two, at most half full. */
    private final int[] slots;

    private RankTable(byte[] bytes, int[] offsets, int[] ranks, int count) {
        this.bytes = bytes;
        this.offsets = offsets;
        this.ranks = isIdentity(ranks, count) ? null : ranks;
        this.slots = new int[Integer.highestOneBit(Math.max(count, 1) * 2 - 1) << 1];
        for (int i = 0; i < count; i++) {
            int slot = hash(bytes, offsets[i], offsets[i + 1]) & (slots.length - 1);
            while (slots[slot] != 0) {
                slot = (slot + 1) & (slots.length - 1);
            }
            slots[slot] = i + 1;
        }
    }

    /**
     * Reads a {@code .tiktoken} rank file: one token per line, its bytes in base64, a space, its rank.
     *
     * @param in the file; read to the end, not closed
     * @return the table
     * @throws IOException when the file cannot be read or a line is malformed
     */
    static RankTable read(InputStream in) throws IOException {
        byte[] bytes = new byte[1 << 20];
        int[] offsets = new int[1 << 16];
        int[] ranks = new int[1 << 16];
        int count = 0;
        int used = 0;
        Base64.Decoder base64 = Base64.getDecoder();
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space <= 0) {
                throw new IOException("malformed rank line " + (count + 1));
            }
            byte[] token;
            int rank;
            try {
                token = base64.decode(line.substring(0, space));
                rank = Integer.parseInt(line, space + 1, line.length(), 10);
            } catch (IllegalArgumentException e) {
                throw new IOException("malformed rank line " + (count + 1), e);
            }
            if (used + token.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + token.length));
            }
            if (count + 2 > offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
                ranks = Arrays.copyOf(ranks, ranks.length * 2);
            }
            System.arraycopy(token, 0, bytes, used, token.length);
            offsets[count] = used;
            ranks[count] = rank;
            used += token.length;
            count++;
            offsets[count] = used;
        }
        return new RankTable(
                Arrays.copyOf(bytes, used), Arrays.copyOf(offsets, count + 1), Arrays.copyOf(ranks, count), count);
    }

    /**
     * The rank of the token {@code text[from, to)}.
     *
     * @return the rank, or -1 when those bytes are not a token
     */
    int rank(byte[] text, int from, int to) {
        int length = to - from;
        int slot = hash(text, from, to) & (slots.length - 1);
        for (int entry = slots[slot]; entry != 0; entry = slots[slot]) {
            int index = entry - 1;
            int start = offsets[index];
            if (offsets[index + 1] - start == length && Arrays.equals(bytes, start, start + length, text, from, to)) {
                return ranks == null ? index : ranks[index];
            }
            slot = (slot + 1) & (slots.length - 1);
        }
        return -1;
    }

    private static boolean isIdentity(int[] ranks, int count) {
        for (int i = 0; i < count; i++) {
            if (ranks[i] != i) {
                return false;
            }
        }
        return true;
    }

    // FNV-1a, then a final mix so that the low bits (the slot) depend on every byte.
    private static int hash(byte[] b, int from, int to) {
        int h = 0x811c9dc5;
        for (int i = from; i < to; i++) {
            h = (h ^ (b[i] & 0xff)) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
