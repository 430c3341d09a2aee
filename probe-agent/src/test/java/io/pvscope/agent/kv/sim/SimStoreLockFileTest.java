package io.pvscope.agent.kv.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated store's lock file, as a root agent must treat it in a directory others could reach: made
 * mode 0600, never opened through a symbolic link, and refused when another user made it.
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
