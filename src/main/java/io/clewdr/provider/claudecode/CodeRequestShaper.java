package io.clewdr.provider.claudecode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shapes an Anthropic request for the Claude Code upstream (clewdr-behaviour.md §7.8): a new
 * {@code system} array that opens with the CLI's billing-header block, then {@code custom_system}, then
 * the client's system; {@code scope} removed from the system entries' ephemeral {@code cache_control};
 * and the sticky hash of the cached system entries, which keeps a prompt cache on one account.
 *
 * <p>Every other field of the request stays as the client sent it, unknown ones included (the original
 * dropped them, §18 item 23). Immutable and thread-safe.
 */
public final class CodeRequestShaper {

    /** The Claude Code CLI version the billing header names by default. */
    public static final String DEFAULT_VERSION = "2.1.76";

    /** The entry point the billing header names when none is configured. */
    public static final String DEFAULT_ENTRYPOINT = "cli";

    private static final String SALT = "59cf53e54c78";
    private static final int[] SAMPLED_UNITS = {4, 7, 20};
    /** Never updated, only copied. */
    private static final MessageDigest SHA_256 = newSha256();

    private static final RecentHashes RECENT = new RecentHashes(CodeRequestShaper::stickyHash);

    private final String customSystem;
    private final String version;
    private final String entrypoint;

    private CodeRequestShaper(String customSystem, String version, String entrypoint) {
        this.customSystem = customSystem == null ? "" : customSystem;
        this.version = version == null || version.isBlank() ? DEFAULT_VERSION : version;
        this.entrypoint = entrypoint == null || entrypoint.isBlank() ? DEFAULT_ENTRYPOINT : entrypoint;
    }

    /** A shaper with the default CLI version and entry point. */
    public static CodeRequestShaper create(String customSystem) {
        return new CodeRequestShaper(customSystem, DEFAULT_VERSION, DEFAULT_ENTRYPOINT);
    }

    /**
     * A shaper with an explicit CLI version ({@code claude_code_version}) and entry point (the
     * {@code CLAUDE_CODE_ENTRYPOINT} environment variable); blank values fall back to the defaults.
     */
    public static CodeRequestShaper create(String customSystem, String version, String entrypoint) {
        return new CodeRequestShaper(customSystem, version, entrypoint);
    }

    /**
     * The shaped request.
     *
     * @param body the request tree, changed in place
     * @param systemPromptHash the sticky hash of the system entries with an object {@code cache_control};
     *     empty when there are none
     */
    public record Shaped(ObjectNode body, OptionalLong systemPromptHash) {}

    /** Shapes {@code request} in place (after the common rules of §4 have run). */
    public Shaped shape(ObjectNode request) {
        ArrayNode system = request.arrayNode();
        system.addObject().put("type", "text").put("text", billingHeader(firstUserText(request.path("messages"))));
        if (!customSystem.isBlank()) {
            system.addObject().put("type", "text").put("text", customSystem);
        }
        JsonNode original = request.get("system");
        if (original != null && !original.isNull() && !original.isMissingNode()) {
            if (original.isString()) {
                if (!original.stringValue().isBlank()) {
                    system.addObject().put("type", "text").put("text", original.stringValue());
                }
            } else if (original.isArray()) {
                original.forEach(system::add);
            } else {
                system.add(original);
            }
        }
        List<JsonNode> cached = new ArrayList<>();
        for (JsonNode entry : system) {
            if (entry.get("cache_control") instanceof ObjectNode cacheControl) {
                stripScope(cacheControl);
                cached.add(entry);
            }
        }
        request.set("system", system);
        return new Shaped(request, cached.isEmpty() ? OptionalLong.empty() : OptionalLong.of(RECENT.of(cached)));
    }

    /** The billing-header text for a first user text. */
    String billingHeader(String firstUserText) {
        return "x-anthropic-billing-header: cc_version=" + version + "." + billingHash(firstUserText, version)
                + "; cc_entrypoint=" + entrypoint + "; cch=00000;";
    }

    /**
     * The 3-hex hash of the billing header: SHA-256 of the salt, the UTF-16 units 4, 7 and 20 of the
     * first user text ({@code 0} for an index past the end) and the version.
     */
    static String billingHash(String firstUserText, String version) {
        StringBuilder sampled = new StringBuilder(3);
        for (int index : SAMPLED_UNITS) {
            char unit = index < firstUserText.length() ? firstUserText.charAt(index) : '0';
            // A lone surrogate has no UTF-8 form; the replacement character stands in for it.
            sampled.append(Character.isSurrogate(unit) ? '\uFFFD' : unit);
        }
        byte[] digest = sha256().digest((SALT + sampled + version).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, 3);
    }

    /** The first user message's text: its string content or its first text block; empty if none. */
    static String firstUserText(JsonNode messages) {
        for (JsonNode message : messages) {
            if (!"user".equals(message.path("role").asString(""))) {
                continue;
            }
            JsonNode content = message.path("content");
            if (content.isString()) {
                return content.stringValue();
            }
            for (JsonNode block : content) {
                if ("text".equals(block.path("type").asString(""))
                        && block.path("text").isString()) {
                    return block.path("text").stringValue();
                }
            }
            return "";
        }
        return "";
    }

    private static void stripScope(ObjectNode cacheControl) {
        if ("ephemeral".equals(cacheControl.path("type").asString(""))) {
            cacheControl.remove("scope");
            if (cacheControl.get("ephemeral") instanceof ObjectNode ephemeral) {
                ephemeral.remove("scope");
            }
        }
    }

    /**
     * A 64-bit hash of the entries, independent of the order of object keys, so equal systems give
     * equal hashes in any process (the original only promised stability within one process).
     */
    static long stickyHash(List<JsonNode> entries) {
        MessageDigest digest = sha256();
        for (JsonNode entry : entries) {
            feed(digest, entry);
        }
        return ByteBuffer.wrap(digest.digest()).getLong();
    }

    private static void feed(MessageDigest digest, JsonNode node) {
        if (node.isObject()) {
            digest.update((byte) '{');
            node.propertyNames().stream().sorted().forEach(name -> {
                feedString(digest, name);
                feed(digest, node.get(name));
            });
            digest.update((byte) '}');
        } else if (node.isArray()) {
            digest.update((byte) '[');
            node.forEach(child -> feed(digest, child));
            digest.update((byte) ']');
        } else {
            digest.update((byte) '=');
            feedString(digest, node.toString());
        }
    }

    private static void feedString(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    /** A fresh SHA-256: a copy of a pristine one, cheaper than looking the algorithm up per request. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be copied", e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
