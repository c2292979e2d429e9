/**
 * Claude.ai cookies and the cookie pool: parsing, records, reasons, state machine, selection,
 * usage accounting, and the port through which the pool persists itself. No I/O happens here
 * except through {@link io.clewdr.credential.CredentialStore}.
 *
 * <p>Starting points:
 *
 * <ul>
 *   <li>{@link io.clewdr.credential.CookiePool}: the single owner of cookie state ({@code lease},
 *       {@code report}, {@code update}, {@code recordUsage}, the user actions, {@code tick}).
 *   <li>{@link io.clewdr.credential.ClewdrCookie}: a validated {@code sessionKey} value, masked in
 *       {@code toString()}.
 *   <li>{@link io.clewdr.credential.CookieStatus}: everything known about one cookie (token,
 *       cooldown, usage windows, {@code disabled}, {@code code_unusable}).
 *   <li>{@link io.clewdr.credential.Outcome}: what a provider learned from one upstream call;
 *       {@link io.clewdr.credential.Reason}: why a cookie is unusable (serde-compatible JSON).
 *   <li>{@link io.clewdr.credential.CookieCodec}: the on-disk shape of {@code [[cookie_array]]} and
 *       {@code [[wasted_cookie]]} as Jackson trees (tolerant per entry);
 *       {@link io.clewdr.credential.CookieListing}: the admin listing JSON.
 *   <li>{@link io.clewdr.credential.CredentialStore} and {@link io.clewdr.credential.PoolPersister}:
 *       the persistence port and the single writer that coalesces saves.
 * </ul>
 */
package io.clewdr.credential;
