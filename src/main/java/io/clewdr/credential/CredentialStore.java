package io.clewdr.credential;

/**
 * The port through which the pool persists itself; implemented by the store package (the TOML file,
 * a database, or nothing when {@code no_fs} is set). Called from a single writer thread, never under
 * the pool's lock.
 */
@FunctionalInterface
public interface CredentialStore {

    /**
     * Durably writes {@code snapshot}, replacing what was stored before. May block on I/O.
     *
     * @throws CredentialStoreException (or any runtime exception) when the write failed
     */
    void save(PoolSnapshot snapshot);
}
