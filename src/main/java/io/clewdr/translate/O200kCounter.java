package io.clewdr.translate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts {@code o200k_base} tokens: the text is split by the encoding's pre-tokenizer pattern, and
 * each piece is merged byte pair by byte pair, the lowest rank (then the leftmost) first, until no
 * adjacent pair is a token. Only the count is needed, so no token ids are produced.
 *
 * <p>The ranks come from the {@code o200k_base.tiktoken} file that the jtokkit jar carries; they are
 * held in a {@link RankTable} (4.3 MB) rather than jtokkit's own maps (26 MB), which for a proxy that
 * estimates usage on the web path would otherwise stay on the heap for the life of the process.
 */
final class O200kCounter {
    /** Where the jtokkit jar keeps the rank file. */
    private static final String RANKS = "/com/knuddels/jtokkit/o200k_base.tiktoken";

    /** The encoding's pre-tokenizer: words with their leading mark and contraction, digit runs of up
     * to three, punctuation runs, and the whitespace rules that keep a space with the next word. */
    private static final Pattern PIECES = Pattern.compile(
            String.join(
                    "|",
                    "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+"
                            + "(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
                    "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*"
                            + "(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
                    "\\p{N}{1,3}",
                    " ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*",
                    "\\s*[\\r\\n]+",
                    "\\s+(?!\\S)",
                    "\\s+"),
            Pattern.UNICODE_CHARACTER_CLASS);

    /** Pieces up to this many bytes merge in place (quadratic but allocation-light); longer ones use
     * a priority queue, so a long run of one letter costs n log n, not n squared. */
    private static final int SHORT_PIECE = 128;

    /** The longest piece merged whole. */
    static final int LONG_PIECE = 64 * 1024;

    private final RankTable ranks;

    private O200kCounter(RankTable ranks) {
        this.ranks = ranks;
    }

    /** @return a counter over the rank file on the class path */
    static O200kCounter load() {
        try (InputStream in = O200kCounter.class.getResourceAsStream(RANKS)) {
            if (in == null) {
                throw new IllegalStateException(RANKS + " is not on the class path");
            }
            return new O200kCounter(RankTable.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RANKS, e);
        }
    }

    /** @return the number of tokens of {@code text}; special-token markers count as ordinary text */
    long count(String text) {
        long tokens = 0;
        Matcher m = PIECES.matcher(text);
        while (m.find()) {
            byte[] piece = text.substring(m.start(), m.end()).getBytes(StandardCharsets.UTF_8);
            tokens += piece(piece);
        }
        return tokens;
    }

    private long piece(byte[] p) {
        if (p.length <= 1) {
            return p.length;
        }
        if (ranks.rank(p, 0, p.length) >= 0) {
            return 1;
        }
        if (p.length <= SHORT_PIECE) {
            return mergeShort(p);
        }
        if (p.length <= LONG_PIECE) {
            return mergeLong(p);
        }
        // A giant piece (megabytes of one letter class in a request body) is merged slice by slice,
        // so the merge state stays a few megabytes; the estimate may differ by a token per slice.
        long tokens = 0;
        for (int from = 0; from < p.length; from += LONG_PIECE) {
            tokens += mergeLong(Arrays.copyOfRange(p, from, Math.min(p.length, from + LONG_PIECE)));
        }
        return tokens;
    }

    /** Parts as start offsets; {@code pairs[i]} is the rank of parts i and i+1 joined. */
    private int mergeShort(byte[] p) {
        int[] starts = new int[p.length + 1];
        for (int i = 0; i <= p.length; i++) {
            starts[i] = i;
        }
        int parts = p.length;
        int[] pairs = new int[p.length];
        for (int i = 0; i + 1 < parts; i++) {
            pairs[i] = rankOf(p, starts[i], starts[i + 2]);
        }
        while (parts > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < parts; i++) {
                if (pairs[i] < bestRank) {
                    bestRank = pairs[i];
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            // Part best+1 joins part best: drop its start, then re-rank the two pairs that changed.
            System.arraycopy(starts, best + 2, starts, best + 1, parts - best - 1);
            System.arraycopy(pairs, best + 2, pairs, best + 1, Math.max(0, parts - best - 3));
            parts--;
            if (best + 1 < parts) {
                pairs[best] = rankOf(p, starts[best], starts[best + 2]);
            }
            if (best > 0) {
                pairs[best - 1] = rankOf(p, starts[best - 1], starts[best + 1]);
            }
        }
        return parts;
    }

    /** Parts as a linked list over their start offsets; candidate pairs in a queue ordered by rank,
     * then position, and checked against the list when taken (a merged neighbour makes them stale). */
    private int mergeLong(byte[] p) {
        int n = p.length;
        int[] next = new int[n];
        int[] prev = new int[n];
        boolean[] gone = new boolean[n];
        for (int i = 0; i < n; i++) {
            next[i] = i + 1;
            prev[i] = i - 1;
        }
        PriorityQueue<Long> queue = new PriorityQueue<>();
        for (int i = 0; i + 1 < n; i++) {
            offer(queue, p, next, i);
        }
        int parts = n;
        while (!queue.isEmpty()) {
            long entry = queue.poll();
            int left = (int) entry;
            int rank = (int) (entry >>> 32);
            if (gone[left] || next[left] >= n || pairRank(p, next, left) != rank) {
                continue;
            }
            int right = next[left];
            gone[right] = true;
            next[left] = next[right];
            if (next[left] < n) {
                prev[next[left]] = left;
            }
            parts--;
            if (next[left] < n) {
                offer(queue, p, next, left);
            }
            if (prev[left] >= 0) {
                offer(queue, p, next, prev[left]);
            }
        }
        return parts;
    }

    private void offer(PriorityQueue<Long> queue, byte[] p, int[] next, int left) {
        int rank = pairRank(p, next, left);
        if (rank != Integer.MAX_VALUE) {
            queue.add(((long) rank << 32) | left);
        }
    }

    private int pairRank(byte[] p, int[] next, int left) {
        return rankOf(p, left, next[next[left]]);
    }

    private int rankOf(byte[] p, int from, int to) {
        int rank = ranks.rank(p, from, to);
        return rank < 0 ? Integer.MAX_VALUE : rank;
    }
}
