package io.pvscope.agent.kv.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Lets several processes (the agent, a local hostctl) share one simulated store file: a lock file beside
 * it, locked shared to read and exclusively to write, holding a generation number that every write
 * increments, so a process knows exactly when its copy of the tree is stale.
 *
 * <p>On a file system that is already mounted read-only nobody can write the store, so the lock is opened
 * for reading only (or not at all when no lock file was ever made) and {@link #readOnly()} says so.
 */
final class SimStoreLock implements AutoCloseable {

    /** Null only when read-only and no lock file exists: then nothing can change and nothing needs locking. */
    private final FileChannel channel;
    private final boolean readOnly;

    private SimStoreLock(FileChannel channel, boolean readOnly) {
        this.channel = channel;
        this.readOnly = readOnly;
    }

    /** Only the agent's user may open the lock: anyone who can lock it can stop every write. */
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    static SimStoreLock open(Path storeFile) throws IOException {
        Path lockFile = storeFile.resolveSibling(storeFile.getFileName() + ".lock");
        try {
            Files.createDirectories(lockFile.getParent());
            // Never through a symbolic link: a link planted there would make every write rewrite its target.
            FileChannel channel;
            try {
                channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), OWNER_ONLY);
            } catch (IOException e) {
                if (Files.isSymbolicLink(lockFile)) {
                    throw new IOException(lockFile + " is a symbolic link; the store's lock file must be a plain"
                            + " file (remove it to let the agent make one)", e);
                }
                throw e;
            }
            try {
                ownedByUs(lockFile);
                Files.setPosixFilePermissions(lockFile, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return new SimStoreLock(channel, false);
        } catch (FileSystemException e) {
            if (!ReadOnlyMounts.holds(lockFile.getParent())) {
                throw e;
            }
            FileChannel reading = Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)
                    ? FileChannel.open(lockFile, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS) : null;
            return new SimStoreLock(reading, true);
        }
    }

    /**
     * Refuses a lock file someone else made: its owner could keep a lock on it, or read what it holds. Where
     * the process's user cannot be known (no /proc), the check is left to the directory's permissions.
     */
    private static void ownedByUs(Path lockFile) throws IOException {
        Path self = Path.of("/proc/self");
        if (!Files.exists(self)) {
            return;
        }
        Object ours = Files.getAttribute(self, "unix:uid");
        Object owner = Files.getAttribute(lockFile, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!ours.equals(owner)) {
            throw new IOException(lockFile + " belongs to user " + owner + ", not to the agent's user " + ours
                    + "; the store's lock file must be the agent's own (remove it to let the agent make one)");
        }
    }

    /** True when the store lives on a read-only file system and can only be read. */
    boolean readOnly() {
        return readOnly;
    }

    FileLock shared() throws IOException {
        return channel == null ? null : channel.lock(0, Long.MAX_VALUE, true);
    }

    FileLock exclusive() throws IOException {
        if (readOnly) {
            throw new IOException("the store is on a read-only file system");
        }
        return channel.lock(0, Long.MAX_VALUE, false);
    }

    /** The generation of the file on disk; 0 before the first write. Call with a lock held. */
    long generation() throws IOException {
        if (channel == null) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES);
        int read = channel.read(buffer, 0);
        return read < Long.BYTES ? 0 : buffer.flip().getLong();
    }

    /** Records a new generation. Call with the exclusive lock held, after the store file was replaced. */
    void advance(long generation) throws IOException {
        channel.write(ByteBuffer.allocate(Long.BYTES).putLong(generation).flip(), 0);
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
