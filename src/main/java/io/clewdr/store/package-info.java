/**
 * Persistence of settings and credentials behind the {@link io.clewdr.credential.CredentialStore}
 * port.
 *
 * <p>Starting point: {@link io.clewdr.store.FileCredentialStore}, the embedded default (everything in
 * {@code clewdr.toml}, or in memory with {@code no_fs}). The database stores come later.
 */
package io.clewdr.store;
