package io.pvscope.agent.kv.kvp.internal;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One in-process lock per pool file, held around every use of the file's fcntl lock. fcntl locks belong to
 * the process, so they do not keep two of our threads apart; the JVM also refuses overlapping FileLocks on
 * one file; and closing any descriptor of a file drops all of the process's locks on it. Serialising our own
 * accesses per file avoids all three.
 */
final class PoolFileGuards {

    private static final ConcurrentMap<Path, ReentrantLock> GUARDS = new ConcurrentHashMap<>();

    private PoolFileGuards() {
    }

    static ReentrantLock forFile(Path file) {
        return GUARDS.computeIfAbsent(file.toAbsolutePath().normalize(), path -> new ReentrantLock());
    }
}
