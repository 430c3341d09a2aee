package io.pvscope.agent.kv.kvp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvscope.agent.kv.kvp.daemon.FcntlLockHolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store honours the daemon's fcntl locks: another process's lock, taken as hv_kvp_daemon takes it,
 * holds back what would conflict with it and nothing else. "Still pending after a while" is the only way to
 * see that a call waits; the while is short and a failure shows as a call that finished.
 */
class KvpPoolStoreLockingTest {

    private static final long PENDING_MILLIS = 500;
    private static final long DONE_SECONDS = 20;

    @TempDir
    Path pools;

    private KvpPoolStore store;
    private ExecutorService caller;
    private Path guestPool;

    @BeforeEach
    void setUp() throws Exception {
        FcntlLockHolder.assumeAvailable();
        store = new KvpPoolStore(pools);
        caller = Executors.newSingleThreadExecutor();
        guestPool = DaemonPoolFiles.write(pools, 1, "Existing", "1");
    }

    @AfterEach
    void tearDown() {
        if (caller != null) {
            caller.shutdownNow();
        }
    }

    @Test
    void writeWaitsWhileAnotherProcessHoldsTheExclusiveLock() throws Exception {
        Future<byte[]> write;
        try (FcntlLockHolder daemonWriting = FcntlLockHolder.lock(guestPool, true)) {
            write = caller.submit(() -> store.write("Guest/New", bytes("2")));
            assertThatThrownBy(() -> write.get(PENDING_MILLIS, TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class);
            assertThat(Files.size(guestPool)).isEqualTo(DaemonPoolFiles.RECORD);
        }
        assertThat(write.get(DONE_SECONDS, TimeUnit.SECONDS)).isEqualTo(bytes("2"));
        assertThat(DaemonPoolFiles.read(pools, 1)).containsOnlyKeys("Existing", "New");
    }

    @Test
    void writeWaitsWhileAnotherProcessReads() throws Exception {
        Future<byte[]> write;
        try (FcntlLockHolder daemonReading = FcntlLockHolder.lock(guestPool, false)) {
            write = caller.submit(() -> store.write("Guest/New", bytes("2")));
            assertThatThrownBy(() -> write.get(PENDING_MILLIS, TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class);
        }
        assertThat(write.get(DONE_SECONDS, TimeUnit.SECONDS)).isEqualTo(bytes("2"));
    }

    @Test
    void readWaitsWhileAnotherProcessWritesButNotWhileItReads() throws Exception {
        Future<byte[]> read;
        try (FcntlLockHolder daemonWriting = FcntlLockHolder.lock(guestPool, true)) {
            read = caller.submit(() -> store.read("Guest/Existing").bytes());
            assertThatThrownBy(() -> read.get(PENDING_MILLIS, TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class);
        }
        assertThat(read.get(DONE_SECONDS, TimeUnit.SECONDS)).isEqualTo(bytes("1"));

        try (FcntlLockHolder daemonReading = FcntlLockHolder.lock(guestPool, false)) {
            Future<byte[]> sharedRead = caller.submit(() -> store.read("Guest/Existing").bytes());
            assertThat(sharedRead.get(DONE_SECONDS, TimeUnit.SECONDS)).isEqualTo(bytes("1"));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
