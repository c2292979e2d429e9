package io.clewdr.translate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request's stop sequences, enforced locally the way the Anthropic API does it: the output ends just
 * before the first sequence, the sequence itself is not part of the text, and the message reports
 * {@code stop_reason:"stop_sequence"} with the matched {@code stop_sequence}.
 *
 * <p>"First" means the match that ends earliest in the text, as a model stops at the token that
 * completes a sequence; when two sequences complete at the same place the shorter one wins. Matching is
 * done per text block. {@link #cut} handles a complete message; {@link StopSequenceFilter} a stream.
 */
public final class StopSequences {

    private final List<String> sequences;
    private final int longest;

    private StopSequences(List<String> sequences) {
        this.sequences = List.copyOf(sequences);
        this.longest = sequences.stream().mapToInt(String::length).max().orElse(0);
    }

    /** The given sequences without empty and duplicate ones. */
    public static StopSequences of(Collection<String> sequences) {
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        for (String sequence : sequences) {
            if (sequence != null && !sequence.isEmpty()) {
                kept.add(sequence);
            }
        }
        return new StopSequences(new ArrayList<>(kept));
    }

    /** The string entries of the request's {@code stop_sequences} array (none when absent). */
    public static StopSequences from(JsonNode request) {
        List<String> found = new ArrayList<>();
        for (JsonNode entry : request.path("stop_sequences")) {
            if (entry.isString()) {
                found.add(entry.stringValue());
            }
        }
        return of(found);
    }

    /** Whether there is nothing to enforce. */
    public boolean isEmpty() {
        return sequences.isEmpty();
    }

    /** The sequences, in request order. */
    public List<String> sequences() {
        return sequences;
    }

    /** A new stream filter for one response. */
    public StopSequenceFilter streamFilter() {
        return StopSequenceFilter.create(this);
    }

    /**
     * Cuts a complete Anthropic message at the first match: the text block that holds it ends before
     * the sequence, every later block is dropped, and the stop fields are set.
     *
     * @return the matched sequence, or empty when the message is left as it was
     */
    public Optional<String> cut(ObjectNode message) {
        if (isEmpty() || !(message.get("content") instanceof ArrayNode content)) {
            return Optional.empty();
        }
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            if (!(block instanceof ObjectNode text)
                    || !"text".equals(block.path("type").asString(""))) {
                continue;
            }
            Optional<Match> match = find(text.path("text").asString(""));
            if (match.isPresent()) {
                text.put(
                        "text",
                        text.get("text").stringValue().substring(0, match.get().start()));
                while (content.size() > i + 1) {
                    content.remove(content.size() - 1);
                }
                message.put("stop_reason", "stop_sequence");
                message.put("stop_sequence", match.get().sequence());
                return Optional.of(match.get().sequence());
            }
        }
        return Optional.empty();
    }

    /** Where a sequence occurs in a text: {@code [start, end)} in UTF-16 units. */
    record Match(int start, int end, String sequence) {}

    /** The match that ends first, the shortest sequence on a tie. */
    Optional<Match> find(String text) {
        Match best = null;
        for (String sequence : sequences) {
            int start = text.indexOf(sequence);
            if (start < 0) {
                continue;
            }
            int end = start + sequence.length();
            if (best == null
                    || end < best.end()
                    || (end == best.end() && sequence.length() < best.sequence().length())) {
                best = new Match(start, end, sequence);
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The index from which the tail of {@code text} must be held back because it could still grow into
     * a sequence: the longest suffix that is a proper prefix of some sequence. A tail never starts
     * between the two halves of a surrogate pair.
     */
    int holdFrom(String text) {
        int n = text.length();
        int hold = n;
        for (int k = Math.max(0, n - (longest - 1)); k < n; k++) {
            if (startsSomeSequence(text, k)) {
                hold = k;
                break;
            }
        }
        if (hold > 0 && Character.isHighSurrogate(text.charAt(hold - 1))) {
            hold--; // never release half a character
        }
        return hold;
    }

    private boolean startsSomeSequence(String text, int from) {
        int length = text.length() - from;
        for (String sequence : sequences) {
            if (sequence.length() > length && sequence.regionMatches(0, text, from, length)) {
                return true;
            }
        }
        return false;
    }
}
