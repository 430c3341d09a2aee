package io.pvscope.agent.kv.kvp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.kvp.daemon.DaemonPrerequisites;
import io.pvscope.agent.kv.kvp.daemon.FakeHypervHost;
import io.pvscope.agent.kv.kvp.daemon.HostPool;
import io.pvscope.agent.kv.kvp.daemon.KvpDaemonProcess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store beside the real hv_kvp_daemon, with the test playing the Hyper-V host on the daemon's device. */
class KvpPoolStoreWithDaemonTest {

    private static final Path REAL_POOLS = KvpPoolStore.DEFAULT_DIRECTORY;

    @TempDir
    Path work;

    private boolean realPoolsExistedBefore;
    private KvpDaemonProcess daemon;
    private FakeHypervHost host;
    private KvpPoolStore store;

    @BeforeEach
    void startDaemon() throws Exception {
        DaemonPrerequisites.assumeDaemonCanRun();
        realPoolsExistedBefore = Files.exists(REAL_POOLS);
        daemon = KvpDaemonProcess.start(work);
        host = daemon.host();
        store = new KvpPoolStore(daemon.pools());
    }

    @AfterEach
    void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void daemonKeepsItsPoolsInTheTestDirectoryOnly() {
        assertThat(daemon.pools()).isDirectoryContaining(p -> p.getFileName().toString().equals(".kvp_pool_0"));
        assertThat(daemon.pools()).isDirectoryContaining(p -> p.getFileName().toString().equals(".kvp_pool_4"));
        if (!realPoolsExistedBefore) {
            assertThat(REAL_POOLS).doesNotExist();
        }
    }

    @Test
    void keySetByTheHostInTheExternalPoolIsReadThroughTheStore() throws Exception {
        assertThat(host.set(HostPool.EXTERNAL, "DeploymentId", "d-42")).isTrue();

        assertThat(text(store.read("External/DeploymentId").bytes())).isEqualTo("d-42");
        assertThat(text(store.read("external/DeploymentId").bytes())).isEqualTo("d-42");
    }

    @Test
    void keySetByTheHostInTheAutoExternalPoolIsReadAsGuestParameters() throws Exception {
        assertThat(host.set(HostPool.AUTO_EXTERNAL, "VirtualMachineName", "pvscope-vm")).isTrue();
        assertThat(host.set(HostPool.AUTO_EXTERNAL, "HostName", "hv-host-3")).isTrue();

        assertThat(text(store.read("Guest/Parameters/VirtualMachineName").bytes())).isEqualTo("pvscope-vm");
        assertThat(text(store.read("Guest/Parameters/").bytes())).isEqualTo("VirtualMachineName\nHostName");
        assertThat(store.list("Guest/Parameters")).containsExactly("VirtualMachineName", "HostName");
    }

    @Test
    void hostUpdateAndDeleteAreSeenByTheStore() throws Exception {
        host.set(HostPool.EXTERNAL, "Role", "web");
        host.set(HostPool.EXTERNAL, "Role", "db");

        assertThat(text(store.read("External/Role").bytes())).isEqualTo("db");

        assertThat(host.delete(HostPool.EXTERNAL, "Role")).isTrue();

        assertErrno(() -> store.read("External/Role"), Errno.ENOENT);
        assertThat(store.list("External")).isEmpty();
    }

    @Test
    void keyWrittenThroughTheStoreIntoTheGuestPoolIsEnumeratedByTheHost() throws Exception {
        store.write("Guest/AgentVersion", bytes("pvscope 0.1"));
        store.write("Guest/Role", bytes("probe"));

        assertThat(host.enumerate(HostPool.GUEST))
                .containsExactly(entry("AgentVersion", "pvscope 0.1"), entry("Role", "probe"));
        assertThat(host.get(HostPool.GUEST, "Role")).contains("probe");
    }

    @Test
    void guestCannotWriteTheHostPoolsAndTheHostKeepsItsValues() throws Exception {
        host.set(HostPool.EXTERNAL, "Owner", "ops");
        host.set(HostPool.AUTO_EXTERNAL, "HostName", "hv-host-3");

        assertErrno(() -> store.write("External/Owner", bytes("guest")), Errno.EINVAL);
        assertErrno(() -> store.write("Guest/Parameters/HostName", bytes("guest")), Errno.EINVAL);

        assertThat(host.get(HostPool.EXTERNAL, "Owner")).contains("ops");
        assertThat(host.get(HostPool.AUTO_EXTERNAL, "HostName")).contains("hv-host-3");
    }

    @Test
    void guestKeyIsSetOnceEvenAfterTheDaemonRewroteThePool() throws Exception {
        store.write("Guest/Once", bytes("first"));
        // A host SET into the Guest pool makes the daemon rewrite the whole file from its own copy.
        host.set(HostPool.GUEST, "FromHost", "h");

        assertErrno(() -> store.write("Guest/Once", bytes("second")), Errno.EEXIST);
        assertThat(host.enumerate(HostPool.GUEST)).containsExactly(entry("Once", "first"), entry("FromHost", "h"));
    }

    @Test
    void concurrentGuestWritesAllReachTheHostWhileTheHostWritesItsPool() throws Exception {
        int perWriter = 40;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String writer : List.of("a", "b")) {
                done.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        store.write("Guest/" + writer + i, bytes(writer + "-" + i));
                    }
                    return null;
                }));
            }
            done.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < perWriter; i++) {
                    assertThat(host.set(HostPool.EXTERNAL, "h" + i, "host-" + i)).isTrue();
                }
                return null;
            }));
            start.countDown();
            for (Future<?> each : done) {
                each.get(120, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        Map<String, String> seenByHost = host.enumerate(HostPool.GUEST);
        assertThat(seenByHost).hasSize(2 * perWriter);
        for (int i = 0; i < perWriter; i++) {
            assertThat(seenByHost).containsEntry("a" + i, "a-" + i).containsEntry("b" + i, "b-" + i);
            assertThat(text(store.read("External/h" + i).bytes())).isEqualTo("host-" + i);
        }
    }

    private static void assertErrno(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Errno errno) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.errno()).as(e.getMessage()).isEqualTo(errno));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
