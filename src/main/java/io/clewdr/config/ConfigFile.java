package io.clewdr.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The config file on disk: the current {@link ConfigDocument}, atomic saves (§3.7) and the pick-up
 * of hand edits (§18 item 10).
 *
 * <p>Every change goes through {@link #update(UnaryOperator)}: under one process-wide lock it first
 * checks whether the file changed since we last read or wrote it. If so the edit is taken in ({@link
 * ConfigLoader}'s adopt: edited keys win, the rest stays), the edit listeners merge it into live state,
 * and only then is the change applied and written, so neither the edit nor the change is lost. An
 * edited file that is invalid is never overwritten: the update throws and nothing is written.
 *
 * <p>The write: a sibling temp file {@code clewdr.tmp.<pid>} created with mode 0600, written, fsynced,
 * then renamed over the target; the temp is removed on failure; the parent directory is created. With
 * {@code no_fs} nothing is written. The lock is held across this file I/O on purpose: it serialises
 * writers of one file and makes "check for an edit, then write" atomic against the watcher; it guards
 * no in-memory state that request paths wait on.
 */
public final class ConfigFile {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigFile.class);
    private static final ReentrantLock WRITE_LOCK = new ReentrantLock();

    private final Path path;
    private final ConfigLoader loader;
    private final List<Consumer<ConfigDocument>> editListeners = new CopyOnWriteArrayList<>();
    private volatile ConfigDocument current;
    private Fingerprint known;
    private String settling = "";

    private ConfigFile(Path path, ConfigLoader loader) {
        this.path = path;
        this.loader = loader;
    }

    /**
     * A config file at a path; nothing is read until {@link #load()}.
     *
     * @param path the file
     * @param env the environment map applied at every (re)load
     * @return the file
     */
    public static ConfigFile create(Path path, Map<String, String> env) {
        return new ConfigFile(path, ConfigLoader.create(env));
    }

    static ConfigFile create(Path path, ConfigLoader loader) {
        return new ConfigFile(path, loader);
    }

    /**
     * Reads the file (missing = empty) and the environment; remembers what was read so later hand
     * edits are recognised.
     *
     * @return the document
     * @throws ConfigException when the file is unreadable, not valid TOML, or has a bad value
     */
    public ConfigDocument load() {
        WRITE_LOCK.lock();
        try {
            String text = ConfigLoader.read(path);
            ConfigDocument doc = loader.fromText(path, text);
            known = Fingerprint.of(path);
            current = doc;
            return doc;
        } finally {
            WRITE_LOCK.unlock();
        }
    }

    /**
     * The document last loaded, adopted or written.
     *
     * @return the document
     * @throws IllegalStateException before {@link #load()}
     */
    public ConfigDocument current() {
        ConfigDocument doc = current;
        if (doc == null) {
            throw new IllegalStateException("load() first");
        }
        return doc;
    }

    /**
     * Registers a listener for hand edits taken in (by {@link #update} or {@link ConfigWatcher}). It
     * runs under the write lock, before the pending change: it should merge the edit into live state
     * (settings, credential pool) quickly and must not call {@link #update} itself.
     *
     * @param listener receives the document with the edit taken in
     */
    public void onHandEdit(Consumer<ConfigDocument> listener) {
        editListeners.add(Objects.requireNonNull(listener));
    }

    /**
     * Applies a change to the current document and writes the result (unless {@code no_fs}).
     * Compute the change inside the function (for example take the pool's snapshot there) so that it
     * sees a hand edit that was merged just before.
     *
     * @param change from the current document to the next
     * @return the document now current (and on disk)
     * @throws ConfigException when the file was hand-edited into something invalid (nothing is
     *     written), or when writing fails
     */
    public ConfigDocument update(UnaryOperator<ConfigDocument> change) {
        WRITE_LOCK.lock();
        try {
            ConfigDocument base = current();
            Fingerprint onDisk = Fingerprint.of(path);
            if (onDisk.editedSince(known)) {
                try {
                    base = adopt(base, onDisk);
                } catch (ConfigException e) {
                    throw ConfigException.of(
                            "refusing to save " + path + ": it was edited by hand and the edit is invalid ("
                                    + e.getMessage() + "); fix or revert the edit",
                            e);
                }
            }
            ConfigDocument next = change.apply(base);
            if (next.settings().noFs()) {
                current = next;
                return next;
            }
            ObjectNode tree = FileShape.render(next);
            byte[] bytes = TomlWriter.render(tree).getBytes(StandardCharsets.UTF_8);
            write(bytes);
            known = Fingerprint.of(path);
            current = next.withFileTree(tree);
            return current;
        } finally {
            WRITE_LOCK.unlock();
        }
    }

    /**
     * Writes the current document as it is (after a load that generated passwords, for example).
     *
     * @return the document now current
     * @throws ConfigException as {@link #update}
     */
    public ConfigDocument save() {
        return update(UnaryOperator.identity());
    }

    /** The result of checking the file for a hand edit. */
    sealed interface Reload {
        /** The file is as we last read or wrote it (or was deleted, which is not taken as an edit). */
        record Unchanged() implements Reload {}

        /** A valid edit was taken in and the listeners were told. */
        record Adopted(ConfigDocument document) implements Reload {}

        /** An invalid edit was left alone; {@code contentHash} tells repeated reports apart. */
        record Rejected(ConfigException problem, String contentHash) implements Reload {}
    }

    /** Checks for a hand edit and takes it in when valid (used by the watcher). */
    Reload reloadIfEdited() {
        WRITE_LOCK.lock();
        try {
            Fingerprint onDisk = Fingerprint.of(path);
            if (current == null || !onDisk.editedSince(known)) {
                settling = "";
                return new Reload.Unchanged();
            }
            // Editors and scripts often write in place (truncate, then write): a poll can catch an
            // empty or half-written file. Take an edit only once two polls in a row see the same,
            // non-empty content, so a file caught mid-write is never adopted.
            if (onDisk.size() == 0 || !onDisk.hash().equals(settling)) {
                settling = onDisk.hash();
                return new Reload.Unchanged();
            }
            settling = "";
            try {
                return new Reload.Adopted(adopt(current, onDisk));
            } catch (ConfigException e) {
                return new Reload.Rejected(e, onDisk.hash());
            }
        } finally {
            WRITE_LOCK.unlock();
        }
    }

    private ConfigDocument adopt(ConfigDocument base, Fingerprint onDisk) {
        String text = ConfigLoader.read(path);
        ConfigDocument edited = loader.adopt(base, text);
        LOG.info("Config file {} was edited by hand; changes taken in", path);
        known = onDisk;
        current = edited;
        for (Consumer<ConfigDocument> listener : editListeners) {
            try {
                listener.accept(edited);
            } catch (RuntimeException e) {
                LOG.error("Config edit listener failed", e);
            }
        }
        return edited;
    }

    private void write(byte[] bytes) {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = dir.resolve("clewdr.tmp." + ProcessHandle.current().pid());
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(temp);
            try (FileChannel channel = FileChannel.open(
                    temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly())) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            move(temp, target);
            syncDirectory(dir);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw ConfigException.of("cannot save " + path + ": " + e, e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void syncDirectory(Path dir) {
        // makes the rename itself durable on Linux; not supported everywhere, and not essential
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Directory fsync not supported for {}", dir);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            };
        }
        return new FileAttribute<?>[0];
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("Cannot remove temp file {}", temp);
        }
    }
}
