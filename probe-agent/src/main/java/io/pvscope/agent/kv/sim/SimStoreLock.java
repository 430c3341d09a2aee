package io.pvscope.agent.kv.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Lets several processes (the agent, a local hostctl) share one simulated store file: a lock file beside
 * it, locked shared to read and exclusively to write, holding a generation number that every write
 * increments, so a process knows exactly when its copy of the tree is stale.
 */
final class SimStoreLock implements AutoCloseable {

    private final FileChannel channel;

    SimStoreLock(Path storeFile) throws IOException {
        Path lockFile = storeFile.resolveSibling(storeFile.getFileName() + ".lock");
        Files.createDirectories(lockFile.getParent());
        this.channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    FileLock shared() throws IOException {
        return channel.lock(0, Long.MAX_VALUE, true);
    }

    FileLock exclusive() throws IOException {
        return channel.lock(0, Long.MAX_VALUE, false);
    }

    /** The generation of the file on disk; 0 before the first write. Call with a lock held. */
    long generation() throws IOException {
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
        channel.close();
    }
}
