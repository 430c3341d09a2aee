package io.pvscope.agent.kv.kvp.internal;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One hv_kvp_daemon pool file, read and written under whole-file fcntl locks as the daemon takes them
 * (FileChannel.lock over the whole range is fcntl F_SETLKW with l_len 0 on Linux): shared to read,
 * exclusive to change. A change writes one record, in place or appended, and forces it to disk before the
 * lock is released, so the daemon sees the pool either before or after it, never half of it.
 */
public final class PoolFile {

    /** Beyond this the file is not a pool the daemon wrote (OpenBSD holds 1023 entries per pool). */
    static final int MAX_RECORDS = 16_384;

    /** Chooses the one record a change writes, after looking at the pool under the exclusive lock. */
    @FunctionalInterface
    public interface Edit {
        RecordWrite choose(PoolSnapshot current) throws StoreException;
    }

    /** Write {@code record} at position {@code index}; an index equal to the record count appends. */
    public record RecordWrite(int index, PoolRecord record) {
    }

    private final Path path;
    private final ReentrantLock guard;

    public PoolFile(Path path) {
        this.path = path;
        this.guard = PoolFileGuards.forFile(path);
    }

    public Path path() {
        return path;
    }

    /** The pool as it is now. A missing file is an empty pool: the daemon creates the files when it starts. */
    public PoolSnapshot read() throws StoreException {
        guard.lock();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
             FileLock shared = channel.lock(0, Long.MAX_VALUE, true)) {
            return readAll(channel);
        } catch (NoSuchFileException e) {
            return new PoolSnapshot(List.of(), 0);
        } catch (IOException e) {
            throw failure("read", e);
        } finally {
            guard.unlock();
        }
    }

    /** Applies one change chosen by {@code edit}; on failure the file keeps its old records. */
    public PoolRecord change(Edit edit) throws StoreException {
        guard.lock();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE);
             FileLock exclusive = channel.lock()) {
            PoolSnapshot current = readAll(channel);
            RecordWrite write = edit.choose(current);
            long sizeBefore = channel.size();
            try {
                writeRecord(channel, write);
                channel.force(true);
            } catch (IOException e) {
                undo(channel, current, write, sizeBefore, e);
                throw e;
            }
            return write.record();
        } catch (IOException e) {
            throw failure("write", e);
        } finally {
            guard.unlock();
        }
    }

    private PoolSnapshot readAll(FileChannel channel) throws IOException {
        long size = channel.size();
        long whole = size / PoolRecord.SIZE;
        if (whole > MAX_RECORDS) {
            throw new IOException(path + " holds " + whole + " records, more than a pool can (" + MAX_RECORDS + ")");
        }
        List<PoolRecord> records = new ArrayList<>((int) whole);
        ByteBuffer buffer = ByteBuffer.allocate(PoolRecord.SIZE);
        for (long i = 0; i < whole; i++) {
            buffer.clear();
            if (!readFully(channel, buffer, i * PoolRecord.SIZE)) {
                // Shorter than it said a moment ago: only a writer that ignores the lock can do that.
                return new PoolSnapshot(records, 0);
            }
            records.add(PoolRecord.fromFile(buffer.array()));
        }
        return new PoolSnapshot(records, size % PoolRecord.SIZE);
    }

    private static boolean readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void writeRecord(FileChannel channel, RecordWrite write) throws IOException {
        // Appending after stray bytes overwrites them: they are shorter than a record and the daemon ignores them.
        ByteBuffer buffer = ByteBuffer.wrap(write.record().bytes());
        long position = (long) write.index() * PoolRecord.SIZE;
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + buffer.position());
        }
    }

    /** Puts back what a failed write may have changed: the replaced record, or the file's old length. */
    private static void undo(FileChannel channel, PoolSnapshot before, RecordWrite failed, long sizeBefore,
                             IOException cause) {
        try {
            if (failed.index() < before.records().size()) {
                writeRecord(channel, new RecordWrite(failed.index(), before.records().get(failed.index())));
            } else {
                channel.truncate(sizeBefore);
            }
            channel.force(true);
        } catch (IOException again) {
            cause.addSuppressed(again);
        }
    }

    private StoreException failure(String what, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new StoreException(Errno.EACCES,
                    "cannot " + what + " KVP pool file " + path + ": permission denied", e);
        }
        if (e instanceof NoSuchFileException) {
            return new StoreException(Errno.ENXIO, "cannot " + what + " KVP pool file " + path
                    + ": its directory is missing (is hv_kvp_daemon installed?)", e);
        }
        return new StoreException(Errno.EIO, "cannot " + what + " KVP pool file " + path + ": " + e.getMessage(), e);
    }
}
