package io.clewdr.translate;

import io.clewdr.translate.ModelTraits.Effort;
import io.clewdr.translate.ModelTraits.ThinkingSupport;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The per-model request rules of clewdr-behaviour.md §4.5-§4.7, applied in place to an Anthropic
 * request tree: the {@code -thinking} suffix, thinking coercion, the budget clamp, the effort clamp,
 * the sampling strip and the removal of an empty {@code system}.
 *
 * <p>Only the fields the rules name are touched; every other field, unknown ones included, stays as the
 * client sent it. A model the rules do not recognise keeps its thinking, effort and sampling fields.
 */
public final class ModelRules {

    /** The {@code max_tokens} the budget clamp assumes when the request has none (§4.2). */
    public static final long DEFAULT_MAX_TOKENS = 8192;

    static final String THINKING_SUFFIX = "-thinking";
    static final int SUFFIX_BUDGET = 4096;
    static final long MIN_BUDGET = 1024;

    private ModelRules() {}

    /**
     * Applies every rule to {@code request}, changing it in place.
     *
     * @return the traits of the (suffix-free) model, or empty when the model is not recognised
     */
    public static Optional<ModelTraits> apply(ObjectNode request) {
        Optional<ModelTraits> traits = Optional.empty();
        JsonNode model = request.get("model");
        if (model != null && model.isString()) {
            String name = model.stringValue();
            boolean suffixed = name.endsWith(THINKING_SUFFIX);
            if (suffixed) {
                name = name.substring(0, name.length() - THINKING_SUFFIX.length());
                request.put("model", name);
            }
            traits = ModelTraits.of(name);
            traits.ifPresent(t -> applyTraits(request, t, suffixed));
        }
        removeEmptySystem(request);
        return traits;
    }

    private static void applyTraits(ObjectNode request, ModelTraits traits, boolean suffixed) {
        if (!isValidThinking(request.get("thinking"))) {
            // A thinking value that does not parse counts as absent (§4.2), as the original's tolerant
            // decoding drops it, so it is neither forwarded nor blocks the suffix.
            request.remove("thinking");
        }
        if (suffixed && !request.has("thinking")) {
            ObjectNode thinking = request.putObject("thinking");
            if (traits.prefersAdaptive()) {
                thinking.put("type", "adaptive").put("display", "summarized");
            } else {
                thinking.put("type", "enabled").put("budget_tokens", SUFFIX_BUDGET);
            }
        }
        coerceThinking(request, traits.thinking());
        clampBudget(request);
        clampEffort(request, traits);
        stripSampling(request, traits);
    }

    private static boolean isValidThinking(JsonNode thinking) {
        if (thinking == null) {
            return true;
        }
        return switch (thinkingType(thinking)) {
            case "enabled" -> thinking.path("budget_tokens").canConvertToLong();
            case "disabled", "adaptive" -> true;
            default -> false;
        };
    }

    private static String thinkingType(JsonNode thinking) {
        JsonNode type = thinking == null ? null : thinking.get("type");
        return type != null && type.isString() ? type.stringValue() : "";
    }

    private static void coerceThinking(ObjectNode request, ThinkingSupport support) {
        String type = thinkingType(request.get("thinking"));
        switch (support) {
            case ALWAYS_ON -> {
                if (type.equals("disabled")) {
                    request.remove("thinking");
                } else if (type.equals("enabled")) {
                    putAdaptive(request);
                }
            }
            case ADAPTIVE_ONLY -> {
                if (type.equals("enabled")) {
                    putAdaptive(request);
                }
            }
            case EXTENDED_ONLY -> {
                if (type.equals("adaptive")) {
                    request.putObject("thinking").put("type", "enabled").put("budget_tokens", SUFFIX_BUDGET);
                }
            }
            case ADAPTIVE_OR_EXTENDED -> {
                // both kinds are accepted as sent
            }
        }
    }

    private static void putAdaptive(ObjectNode request) {
        request.putObject("thinking").put("type", "adaptive").put("display", "summarized");
    }

    private static void clampBudget(ObjectNode request) {
        JsonNode thinking = request.get("thinking");
        if (!thinkingType(thinking).equals("enabled")) {
            return;
        }
        long maxTokens = request.path("max_tokens").canConvertToLong()
                ? request.path("max_tokens").asLong()
                : DEFAULT_MAX_TOKENS;
        long ceiling = maxTokens - 1;
        if (ceiling < MIN_BUDGET) {
            request.remove("thinking");
            return;
        }
        long budget = thinking.path("budget_tokens").asLong();
        long clamped = Math.clamp(budget, MIN_BUDGET, ceiling);
        if (clamped != budget) {
            // an int node where the value fits, as a client's small number parses to one
            ObjectNode node = (ObjectNode) thinking;
            if (clamped <= Integer.MAX_VALUE) {
                node.put("budget_tokens", (int) clamped);
            } else {
                node.put("budget_tokens", clamped);
            }
        }
    }

    private static void clampEffort(ObjectNode request, ModelTraits traits) {
        if (!(request.get("output_config") instanceof ObjectNode outputConfig) || !outputConfig.has("effort")) {
            return;
        }
        Set<Effort> allowed = traits.efforts();
        JsonNode requested = outputConfig.get("effort");
        Optional<Effort> rung = requested.isString() ? Effort.fromWire(requested.stringValue()) : Optional.empty();
        if (allowed.isEmpty()) {
            outputConfig.remove("effort");
        } else if (rung.isPresent()) {
            Effort ceiling = rung.get();
            if (traits.major() >= 5 && thinkingType(request.get("thinking")).equals("disabled")) {
                // 5.x models reject the top rungs when thinking is explicitly off.
                ceiling = ceiling.compareTo(Effort.HIGH) > 0 ? Effort.HIGH : ceiling;
            }
            Effort chosen = null;
            for (Effort candidate : allowed) {
                if (candidate.compareTo(ceiling) <= 0) {
                    chosen = candidate; // allowed iterates in ladder order, so the last fit is the highest
                }
            }
            if (chosen == null) {
                outputConfig.remove("effort");
            } else if (chosen != rung.get()) {
                outputConfig.put("effort", chosen.wireName());
            }
        }
        // An unknown rung on a model with a ladder is left for the upstream to reject with its own message.
        if (!outputConfig.has("effort") && !outputConfig.has("format")) {
            request.remove("output_config");
        }
    }

    private static void stripSampling(ObjectNode request, ModelTraits traits) {
        String type = thinkingType(request.get("thinking"));
        boolean blockedByThinking = switch (traits.thinking()) {
            case ADAPTIVE_OR_EXTENDED -> type.equals("enabled") || type.equals("adaptive");
            case EXTENDED_ONLY -> type.equals("enabled");
            case ALWAYS_ON, ADAPTIVE_ONLY -> true;
        };
        if (!traits.acceptsSampling() || blockedByThinking) {
            request.remove("temperature");
            request.remove("top_p");
            request.remove("top_k");
        } else if (request.hasNonNull("temperature") && traits.atLeast(4, 1)) {
            request.remove("top_p");
        }
    }

    /** Removes {@code system} when it carries no text at all (§4.7). */
    static void removeEmptySystem(ObjectNode request) {
        if (request.has("system") && isEmptySystem(request.get("system"))) {
            request.remove("system");
        }
    }

    private static boolean isEmptySystem(JsonNode system) {
        if (system.isNull()) {
            return true;
        }
        if (system.isString()) {
            return system.stringValue().isBlank();
        }
        if (!system.isArray()) {
            return false;
        }
        for (JsonNode entry : system) {
            boolean blank = entry.isNull()
                    || (entry.isString() && entry.stringValue().isBlank())
                    || (entry.isObject()
                            && "text".equals(entry.path("type").asString(""))
                            && (!entry.path("text").isString()
                                    || entry.path("text").stringValue().isBlank()));
            if (!blank) {
                return false;
            }
        }
        return true;
    }
}
