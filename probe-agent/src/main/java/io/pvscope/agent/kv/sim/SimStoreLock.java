package io.pvscope.agent.kv.sim;

import io.pvscope.agent.fs.FileOwners;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;

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
    private final Path lockFile;

    /** How long a call waits for another process's lock before it fails EBUSY. */
    static final long LOCK_WAIT_MILLIS = 2_000;
    private static final long LOCK_POLL_MILLIS = 5;

    private SimStoreLock(FileChannel channel, boolean readOnly, Path lockFile) {
        this.channel = channel;
        this.readOnly = readOnly;
        this.lockFile = lockFile;
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
                FileOwners.requireOurs(lockFile, "the store's lock file");
                Files.setPosixFilePermissions(lockFile, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return new SimStoreLock(channel, false, lockFile);
        } catch (FileSystemException e) {
            if (!ReadOnlyMounts.holds(lockFile.getParent())) {
                throw e;
            }
            FileChannel reading = Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)
                    ? FileChannel.open(lockFile, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS) : null;
            return new SimStoreLock(reading, true, lockFile);
        }
    }

    /** True when the store lives on a read-only file system and can only be read. */
    boolean readOnly() {
        return readOnly;
    }

    FileLock shared() throws IOException {
        return channel == null ? null : within(true);
    }

    FileLock exclusive() throws IOException {
        if (readOnly) {
            throw new IOException("the store is on a read-only file system");
        }
        return within(false);
    }

    /**
     * The lock, waited for at most {@link #LOCK_WAIT_MILLIS}: the store's callers wait behind whoever waits
     * here, so another process keeping the file locked must cost them an error (EBUSY), not their threads.
     */
    private FileLock within(boolean shared) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOCK_WAIT_MILLIS);
        while (true) {
            try {
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException heldInThisProcess) {
                // Another store object on the same file in this process: wait as for another process.
            }
            if (System.nanoTime() - deadline > 0) {
                throw new Busy(lockFile + " is locked by another process for more than " + LOCK_WAIT_MILLIS + " ms");
            }
            try {
                Thread.sleep(LOCK_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for " + lockFile);
            }
        }
    }

    /** The lock file stayed locked by someone else for longer than the store waits. */
    static final class Busy extends IOException {
        Busy(String message) {
            super(message);
        }
    }

    /** The generation of the file on disk; 0 before the first write. Exact with a lock held. */
    long generation() throws IOException {
        if (channel == null) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES);
        int read = channel.read(buffer, 0);
        return read < Long.BYTES ? 0 : buffer.flip().getLong();
    }

    /**
     * Whether the generation on disk is still {@code loaded}, looked at without a lock: one read of eight
     * bytes, which a concurrent write of them never tears on Linux file systems; a store on a read-only file
     * system without a lock file never changes.
     */
    boolean unchangedSince(long loaded) throws IOException {
        return generation() == loaded;
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
