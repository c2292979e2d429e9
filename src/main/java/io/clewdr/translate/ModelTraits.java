package io.clewdr.translate;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a recognised Claude model accepts: its line (Fable, Opus, …), its generation and, derived from
 * both, its thinking support, whether sampling parameters are allowed and which effort rungs exist
 * (clewdr-behaviour.md §4.6).
 *
 * @param family the model line read from the name
 * @param major the major generation number
 * @param minor the minor generation number ({@code 0} when the name has only a major number)
 */
public record ModelTraits(Family family, int major, int minor) {

    /** The model lines that change the rules; {@link #CLAUDE} is any other recognised name. */
    public enum Family {
        /** {@code fable}: thinking always on. */
        FABLE,
        /** {@code mythos}: thinking always on. */
        MYTHOS,
        /** {@code opus}. */
        OPUS,
        /** {@code sonnet}. */
        SONNET,
        /** {@code haiku}. */
        HAIKU,
        /** A name that only starts with {@code claude}. */
        CLAUDE
    }

    /** The kinds of thinking a model accepts. */
    public enum ThinkingSupport {
        /** Thinking cannot be turned off; extended settings become adaptive. */
        ALWAYS_ON,
        /** Only {@code adaptive}; extended settings become adaptive. */
        ADAPTIVE_ONLY,
        /** Both {@code adaptive} and {@code enabled} (extended) are accepted. */
        ADAPTIVE_OR_EXTENDED,
        /** Only {@code enabled} (extended); adaptive becomes a 4096-token budget. */
        EXTENDED_ONLY
    }

    /**
     * Recognises a model name (already without a {@code -thinking} suffix).
     *
     * @return the traits, or empty for names the rules leave alone (no known line, or no generation)
     */
    public static Optional<ModelTraits> of(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        Family family = familyOf(name);
        if (family == null) {
            return Optional.empty();
        }
        // The generation is the first run of one or two short all-digit segments; longer digit runs are
        // date stamps (20250219) and are skipped.
        String[] parts = name.split("-", -1);
        for (int i = 0; i < parts.length; i++) {
            if (isShortNumber(parts[i])) {
                int major = Integer.parseInt(parts[i]);
                int minor = i + 1 < parts.length && isShortNumber(parts[i + 1]) ? Integer.parseInt(parts[i + 1]) : 0;
                return Optional.of(new ModelTraits(family, major, minor));
            }
        }
        return Optional.empty();
    }

    private static Family familyOf(String name) {
        if (name.contains("fable")) {
            return Family.FABLE;
        }
        if (name.contains("mythos")) {
            return Family.MYTHOS;
        }
        if (name.contains("opus")) {
            return Family.OPUS;
        }
        if (name.contains("sonnet")) {
            return Family.SONNET;
        }
        if (name.contains("haiku")) {
            return Family.HAIKU;
        }
        return name.startsWith("claude") ? Family.CLAUDE : null;
    }

    private static boolean isShortNumber(String part) {
        if (part.isEmpty() || part.length() > 2) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether the generation is at least {@code major.minor}. */
    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    /** The thinking this model accepts. */
    public ThinkingSupport thinking() {
        if (family == Family.FABLE || family == Family.MYTHOS) {
            return ThinkingSupport.ALWAYS_ON;
        }
        if (atLeast(4, 7)) {
            return ThinkingSupport.ADAPTIVE_ONLY;
        }
        if (major == 4 && minor == 6) {
            return ThinkingSupport.ADAPTIVE_OR_EXTENDED;
        }
        return ThinkingSupport.EXTENDED_ONLY;
    }

    /** Whether the {@code -thinking} suffix turns on adaptive thinking (4.6 and later, Fable, Mythos). */
    public boolean prefersAdaptive() {
        return thinking() != ThinkingSupport.EXTENDED_ONLY;
    }

    /** Whether temperature, top_p and top_k are accepted at all (they are not on Fable, Mythos, ≥ 4.7). */
    public boolean acceptsSampling() {
        ThinkingSupport support = thinking();
        return support != ThinkingSupport.ALWAYS_ON && support != ThinkingSupport.ADAPTIVE_ONLY;
    }

    /** The effort rungs this model accepts, in ladder order; empty when effort must be removed. */
    public Set<Effort> efforts() {
        return switch (thinking()) {
            case ALWAYS_ON, ADAPTIVE_ONLY -> EnumSet.allOf(Effort.class);
            case ADAPTIVE_OR_EXTENDED -> EnumSet.of(Effort.LOW, Effort.MEDIUM, Effort.HIGH, Effort.MAX);
            case EXTENDED_ONLY ->
                family == Family.OPUS && major == 4 && minor == 5
                        ? EnumSet.of(Effort.LOW, Effort.MEDIUM, Effort.HIGH)
                        : EnumSet.noneOf(Effort.class);
        };
    }

    /** The {@code output_config.effort} ladder, lowest first. */
    public enum Effort {
        /** {@code low}. */
        LOW,
        /** {@code medium}. */
        MEDIUM,
        /** {@code high}. */
        HIGH,
        /** {@code xhigh}. */
        XHIGH,
        /** {@code max}. */
        MAX;

        /** The name on the wire. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Reads a wire name; empty for anything else. */
        public static Optional<Effort> fromWire(String value) {
            for (Effort effort : values()) {
                if (effort.wireName().equals(value)) {
                    return Optional.of(effort);
                }
            }
            return Optional.empty();
        }
    }
}
