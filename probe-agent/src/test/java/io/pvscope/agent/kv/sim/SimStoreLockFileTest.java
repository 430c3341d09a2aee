package io.pvscope.agent.kv.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pvscope.agent.ChildJvm;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated store's lock file, as a root agent must treat it in a directory others could reach: made
 * mode 0600, never opened through a symbolic link, refused when another user made it, and never waited for
 * without end when another process keeps it locked.
 */
class SimStoreLockFileTest {

    @TempDir
    Path dir;

    @Test
    void theLockFileIsTheAgentsOwnAndNoOneElseCanOpenIt() throws Exception {
        try (SimStore store = SimStore.open(dir.resolve("sim.json"))) {
            store.write("data/x", "1".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("sim.json.lock"))))
                .isEqualTo("rw-------");
    }

    @Test
    void anotherProcessKeepingTheLockCostsWritesAnEbusyErrorNotTheirThreadsWhileReadsGoOn() throws Exception {
        try (SimStore store = SimStore.open(dir.resolve("sim.json"))) {
            Process holder = holdLock(dir.resolve("sim.json.lock"));
            try {
                long start = System.nanoTime();
                // Nothing was written since the tree was loaded (the generation on disk says so): reads need
                // no lock. A write another process may be making is not acknowledged until it advances it.
                assertThat(new String(store.read("name").bytes(), StandardCharsets.UTF_8)).isEqualTo("pvscope-demo");
                assertThatThrownBy(() -> store.write("data/x", new byte[] {'1'}))
                        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBUSY))
                        .hasMessageContaining("is locked by another process for more than 2000 ms");
                System.out.printf("SimStoreLockFileTest: a read answered, a write failed EBUSY after %d ms%n",
                        (System.nanoTime() - start) / 1_000_000);
            } finally {
                holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(new String(store.read("name").bytes(), StandardCharsets.UTF_8)).isEqualTo("pvscope-demo");
        }
    }

    /** A separate process holding an exclusive lock on {@code file} until killed. */
    private Process holdLock(Path file) throws IOException {
        Path source = Files.createDirectories(dir.resolve("holder")).resolve("HoldLock.java");
        try (var in = SimStoreLockFileTest.class.getResourceAsStream("/attack/HoldLock.java")) {
            Files.copy(in, source);
        }
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx32m",
                ChildJvm.NO_PERF_DATA, source.toString(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)).readLine();
        assertThat(line).isEqualTo("locked");
        return process;
    }

    @Test
    void aReadOfATreeAnotherProcessChangedWaitsForItsLockAndFailsEbusyWhenItIsKept() throws Exception {
        try (SimStore reader = SimStore.open(dir.resolve("sim.json"));
                SimStore writer = SimStore.open(dir.resolve("sim.json"))) {
            writer.write("data/x", new byte[] {'1'});
            Process holder = holdLock(dir.resolve("sim.json.lock"));
            try {
                assertThatThrownBy(() -> reader.read("data/x")).isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.errno()).isEqualTo(Errno.EBUSY));
            } finally {
                holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(new String(reader.read("data/x").bytes(), StandardCharsets.UTF_8)).isEqualTo("1");
        }
    }

    @Test
    void aLockFileLeftReadableByOthersIsMadeOwnerOnly() throws Exception {
        Path lock = Files.writeString(dir.resolve("sim.json.lock"), "");
        Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-rw-rw-"));

        SimStore.open(dir.resolve("sim.json")).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lock))).isEqualTo("rw-------");
    }

    @Test
    void aSymbolicLinkInPlaceOfTheLockFileIsRefusedAndItsTargetLeftAlone() throws Exception {
        Path target = Files.writeString(dir.resolve("precious"), "do not touch");
        Files.createSymbolicLink(dir.resolve("sim.json.lock"), target);

        assertThatThrownBy(() -> SimStore.open(dir.resolve("sim.json"))).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("sim.json.lock") + " is a symbolic link");
        assertThat(Files.readString(target)).isEqualTo("do not touch");
    }

    @Test
    void aLockFileAnotherUserMadeIsRefused() throws Exception {
        assumeTrue("0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))),
                "giving a file to another user needs root");
        Path lock = Files.writeString(dir.resolve("sim.json.lock"), "");
        Files.setAttribute(lock, "unix:uid", 65534);

        assertThatThrownBy(() -> SimStore.open(dir.resolve("sim.json"))).isInstanceOf(IOException.class)
                .hasMessageContaining("belongs to user 65534, not to the agent's user 0");
    }
}
