package io.clewdr.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A cached Claude Code OAuth token. {@link #toString()} masks both tokens.
 *
 * @param accessToken the bearer token
 * @param expiresIn the lifetime the token endpoint announced (stored as integer seconds)
 * @param refreshToken the refresh token; empty when the token endpoint gave none
 * @param expiresAt when the access token expires (stored as float epoch seconds)
 * @param organizationUuid the organization the token was minted for
 */
public record OAuthToken(
        String accessToken, Duration expiresIn, String refreshToken, Instant expiresAt, String organizationUuid) {

    /** Tokens count as expired this long before {@link #expiresAt}, so a call never races the expiry. */
    public static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);

    /** Rejects nulls. */
    public OAuthToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(organizationUuid, "organizationUuid");
    }

    /**
     * A token just received from the token endpoint: it expires {@code expiresIn} after {@code now}
     * (a missing lifetime is zero, so such a token is expired at once).
     */
    public static OAuthToken issued(
            String accessToken, Duration expiresIn, String refreshToken, String organizationUuid, Instant now) {
        return new OAuthToken(accessToken, expiresIn, refreshToken, now.plus(expiresIn), organizationUuid);
    }

    /** True when less than {@link #EXPIRY_MARGIN} is left at {@code now}: refresh before use. */
    public boolean expiresSoon(Instant now) {
        return !now.isBefore(expiresAt.minus(EXPIRY_MARGIN));
    }

    /** Masked: shows only the token prefixes. */
    @Override
    public String toString() {
        return "OAuthToken[accessToken=" + mask(accessToken) + ", refreshToken=" + mask(refreshToken) + ", expiresAt="
                + expiresAt + ", organizationUuid=" + organizationUuid + "]";
    }

    private static String mask(String token) {
        return token.substring(0, Math.min(12, token.length())) + "...";
    }
}
