package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-r-----");
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
}
