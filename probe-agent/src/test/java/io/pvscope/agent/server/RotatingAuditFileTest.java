package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit file: rotated by size, and, as a root agent must treat a file in a folder others could reach,
 * made 0600, never written through a link, refused when another user made it or others may write its folder.
 */
class RotatingAuditFileTest {

    @TempDir
    Path dir;

    @Test
    void rotatesBySizeKeepingTheNewestFilesOnly() throws Exception {
        Path log = dir.resolve("audit.log");
        try (RotatingAuditFile file = new RotatingAuditFile(log, 20, 2)) {
            for (int i = 1; i <= 7; i++) {
                file.append("line " + i + " ....");
            }
        }

        assertThat(Files.readAllLines(log)).containsExactly("line 7 ....");
        assertThat(Files.readAllLines(dir.resolve("audit.log.1"))).containsExactly("line 6 ....");
        assertThat(Files.readAllLines(dir.resolve("audit.log.2"))).containsExactly("line 5 ....");
        assertThat(dir.resolve("audit.log.3")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
    }

    @Test
    void appendsToAnExistingFileCountingItsSize() throws Exception {
        Path log = dir.resolve("audit.log");
        Files.writeString(log, "0123456789012345\n");
        try (RotatingAuditFile file = new RotatingAuditFile(log, 20, 1)) {
            file.append("next");
        }

        assertThat(Files.readAllLines(log)).containsExactly("next");
        assertThat(Files.readAllLines(dir.resolve("audit.log.1"))).containsExactly("0123456789012345");
    }

    @Test
    void aSymbolicLinkInPlaceOfTheAuditFileIsRefusedAndItsTargetLeftAlone() throws Exception {
        Path target = Files.writeString(dir.resolve("precious"), "do not touch");
        Files.createSymbolicLink(dir.resolve("audit.log"), target);

        assertThatThrownBy(() -> new RotatingAuditFile(dir.resolve("audit.log"), 1024, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("audit file " + dir.resolve("audit.log") + " is not a plain file");
        assertThat(Files.readString(target)).isEqualTo("do not touch");
    }

    @Test
    void anAuditFileOfOursThatOthersCouldReadIsMadeOwnerOnly() throws Exception {
        Path log = Files.writeString(dir.resolve("audit.log"), "");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));

        new RotatingAuditFile(log, 1024, 1).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
    }

    @Test
    void anAuditFileAnotherUserMadeIsRefusedAndStaysAsItWas() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "giving a file away needs root");
        Path log = Files.writeString(dir.resolve("audit.log"), "theirs\n");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setAttribute(log, "unix:uid", 65534);

        assertThatThrownBy(() -> new RotatingAuditFile(log, 1024, 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("audit file " + log + " belongs to user 65534, not to the agent's user 0");
        assertThat(Files.readString(log)).isEqualTo("theirs\n");
    }

    @Test
    void aFolderOthersMayWriteToIsRefused() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> new RotatingAuditFile(shared.resolve("audit.log"), 1024, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the audit file's folder " + shared + " is writable by other users");
        assertThat(shared.resolve("audit.log")).doesNotExist();
    }
}
