package io.clewdr.store;

import io.clewdr.config.ConfigDocument;
import io.clewdr.config.ConfigFile;
import io.clewdr.config.CredentialSection;
import io.clewdr.credential.CookieCodec;
import io.clewdr.credential.CredentialStore;
import io.clewdr.credential.PoolSnapshot;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The embedded default store: the pool lives in {@code clewdr.toml} beside the settings, in exactly
 * the original's shape ({@code [[cookie_array]]}, {@code [[wasted_cookie]]}), written atomically by
 * {@link ConfigFile}. With {@code no_fs} the file layer writes nothing and the pool lives in memory.
 *
 * <p>The snapshot is taken inside the file's update, after a hand edit of the file has been merged
 * into the pool, so a save never writes back a state from before the edit.
 */
public final class FileCredentialStore implements CredentialStore {
    private final ConfigFile file;
    private final AtomicReference<Supplier<PoolSnapshot>> snapshots = new AtomicReference<>();
    private final Consumer<ConfigDocument> afterSave;

    private FileCredentialStore(ConfigFile file, Consumer<ConfigDocument> afterSave) {
        this.file = file;
        this.afterSave = afterSave;
    }

    /**
     * Creates the store.
     *
     * @param file the config file
     * @param afterSave told the document now on disk (the live settings follow it)
     * @return the store
     */
    public static FileCredentialStore create(ConfigFile file, Consumer<ConfigDocument> afterSave) {
        return new FileCredentialStore(file, afterSave);
    }

    /**
     * Names where the current pool state comes from (the pool, once it exists).
     *
     * @param source the live snapshot
     */
    public void snapshotsFrom(Supplier<PoolSnapshot> source) {
        snapshots.set(source);
    }

    @Override
    public void save(PoolSnapshot snapshot) {
        ConfigDocument saved = file.update(doc -> withPool(doc, current(snapshot)));
        afterSave.accept(saved);
    }

    private PoolSnapshot current(PoolSnapshot fallback) {
        Supplier<PoolSnapshot> source = snapshots.get();
        return source == null ? fallback : source.get();
    }

    /**
     * A document with the pool's cookies in it.
     *
     * @param doc the document
     * @param snapshot the pool state
     * @return the document with {@code cookie_array} and {@code wasted_cookie} replaced
     */
    public static ConfigDocument withPool(ConfigDocument doc, PoolSnapshot snapshot) {
        ObjectNode encoded = CookieCodec.encodeAll(snapshot);
        return doc.withSection(CredentialSection.COOKIE_ARRAY, encoded.get("cookie_array"))
                .withSection(CredentialSection.WASTED_COOKIE, encoded.get("wasted_cookie"));
    }
}
