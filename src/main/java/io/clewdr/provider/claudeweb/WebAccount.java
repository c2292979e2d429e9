package io.clewdr.provider.claudeweb;

import io.clewdr.config.Settings;
import io.clewdr.credential.Reason;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What the two bootstrap calls say about an account (clewdr-behaviour.md §5.4-5.5) and the
 * settings' verdict on it. Pure: the calls are made by {@link ClaudeWebBackend}.
 */
final class WebAccount {

    private static final Logger LOG = LoggerFactory.getLogger(WebAccount.class);

    /** Capability substrings that mark a paid plan: Pro, Enterprise, Team ({@code raven}) and Max. */
    private static final List<String> PRO_MARKS = List.of("pro", "enterprise", "raven", "max");

    private WebAccount() {}

    /**
     * The bootstrap's first chat-capable membership.
     *
     * @param orgUuid its organization
     * @param capabilities that organization's capabilities
     * @param email the account's e-mail address (logged at DEBUG only)
     */
    record Membership(String orgUuid, List<String> capabilities, String email) {
        /** Whether any capability marks a paid plan. */
        boolean pro() {
            return capabilities.stream().anyMatch(c -> PRO_MARKS.stream().anyMatch(c::contains));
        }
    }

    /**
     * An active (not yet expired) flag of an organization.
     *
     * @param type for example {@code banned}, {@code restricted}, {@code first_warning}
     * @param expiresAt when it expires
     */
    record Flag(String type, Instant expiresAt) {}

    /**
     * The organization chosen from {@code api/organizations}.
     *
     * @param uuid its uuid, used in every later path
     * @param capabilities its capabilities
     * @param flags its active flags
     */
    record Organization(String uuid, List<String> capabilities, List<Flag> flags) {
        /** The latest expiry of the active flags whose type contains {@code kind}. */
        Optional<Instant> latest(String kind) {
            return flags.stream()
                    .filter(f -> f.type().contains(kind))
                    .map(Flag::expiresAt)
                    .max(Comparator.naturalOrder());
        }
    }

    /**
     * Reads {@code GET api/bootstrap}.
     *
     * @throws Halt {@code Invalid(Null)} when there is no account; an unexpected answer when no
     *     membership can chat
     */
    static Membership membership(JsonNode bootstrap) throws Halt {
        JsonNode account = bootstrap.path("account");
        if (!account.isObject()) {
            throw new Halt(Rejections.invalid(new Reason.Null(), "Cookie rejected: Claude.ai knows no account for it"));
        }
        for (JsonNode membership : account.path("memberships")) {
            JsonNode org = membership.path("organization");
            List<String> capabilities = strings(org.path("capabilities"));
            if (capabilities.contains("chat")) {
                return new Membership(
                        org.path("uuid").asString(""),
                        capabilities,
                        account.path("email_address").asString(""));
            }
        }
        throw new Halt(Rejections.unexpected("The Claude.ai account has no organization that can chat"));
    }

    /**
     * Reads {@code GET api/organizations}: of the chat-capable organizations the one with the most
     * capabilities (the first of equals), with its flags that have not expired at {@code now}.
     *
     * @throws Halt an unexpected answer when no organization can chat
     */
    static Organization organization(JsonNode organizations, Instant now) throws Halt {
        JsonNode best = null;
        int most = -1;
        for (JsonNode org : organizations) {
            List<String> capabilities = strings(org.path("capabilities"));
            if (capabilities.contains("chat") && capabilities.size() > most) {
                best = org;
                most = capabilities.size();
            }
        }
        if (best == null || best.path("uuid").asString("").isEmpty()) {
            throw new Halt(Rejections.unexpected("Claude.ai lists no organization that can chat"));
        }
        List<Flag> flags = new ArrayList<>();
        for (JsonNode flag : best.path("active_flags")) {
            String type = flag.path("type").asString("").toLowerCase(Locale.ROOT);
            Optional<Instant> expiry = instant(flag.path("expires_at").asString(""));
            if (expiry.isEmpty()) {
                LOG.warn("Ignoring the organization flag {} with an unreadable expiry", type);
            } else if (expiry.get().isAfter(now)) {
                flags.add(new Flag(type, expiry.get()));
            }
        }
        return new Organization(best.path("uuid").asString(), strings(best.path("capabilities")), flags);
    }

    /**
     * The settings' verdict on the plan: a free account is retired when {@code skip_non_pro} is set.
     *
     * @throws Halt {@code Invalid(Free)}
     */
    static void checkPlan(Membership membership, Settings settings) throws Halt {
        if (!membership.pro() && settings.skipNonPro()) {
            throw new Halt(Rejections.invalid(new Reason.Free(), "Free account skipped (skip_non_pro)"));
        }
    }

    /**
     * The settings' verdict on the flags: banned retires; then one if / else-if chain on which flag
     * is present (restricted, second warning, first warning, none), each parking the cookie until
     * the flag expires when its skip setting is on; no flag at all with {@code skip_normal_pro}
     * rejects as {@code NormalPro}.
     *
     * @throws Halt the rejection
     */
    static void checkFlags(Organization org, Settings settings, Instant now) throws Halt {
        for (Flag flag : org.flags()) {
            LOG.info(
                    "Organization flag {} active for {} more hours",
                    flag.type(),
                    java.time.Duration.between(now, flag.expiresAt()).toHours());
        }
        if (org.latest("banned").isPresent()) {
            throw new Halt(Rejections.invalid(new Reason.Banned(), "The Claude.ai account is banned"));
        }
        Optional<Instant> restricted = org.latest("restricted");
        Optional<Instant> second = org.latest("second_warning");
        Optional<Instant> first = org.latest("first_warning");
        if (restricted.isPresent()) {
            skip(settings.skipRestricted(), restricted.get(), "restricted");
        } else if (second.isPresent()) {
            skip(settings.skipSecondWarning(), second.get(), "under a second warning");
        } else if (first.isPresent()) {
            skip(settings.skipFirstWarning(), first.get(), "under a first warning");
        } else if (settings.skipNormalPro()) {
            throw new Halt(
                    Rejections.invalid(new Reason.NormalPro(), "Account without flags skipped (skip_normal_pro)"));
        }
    }

    private static void skip(boolean skip, Instant until, String what) throws Halt {
        if (skip) {
            throw new Halt(Rejections.restricted(until, "The Claude.ai account is " + what + " until " + until));
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            if (item.isString()) {
                out.add(item.stringValue());
            }
        }
        return out;
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
