package io.pvscope.testsupport.xenstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XenToolsTest {

    @TempDir
    Path lib;

    @Test
    void theNewestVersionHoldingTheDaemonWins() throws IOException {
        executable(lib.resolve("xen-4.9/bin/xenstored"));
        Path newest = executable(lib.resolve("xen-4.17/bin/xenstored"));
        Files.createDirectories(lib.resolve("xen-4.19/bin"));
        executable(lib.resolve("xen-common/bin/xenstored"));

        assertThat(XenTools.daemon(Xenstored.Daemon.CXENSTORED, lib, null)).contains(newest);
        assertThat(XenTools.daemon(Xenstored.Daemon.OXENSTORED, lib, null)).isEmpty();
    }

    @Test
    void anExplicitDirectoryIsTheOnlyOneLookedIn() throws IOException {
        executable(lib.resolve("xen-4.17/bin/xenstored"));
        Path chosen = executable(lib.resolve("xen-4.9/bin/oxenstored"));

        assertThat(XenTools.daemon(Xenstored.Daemon.OXENSTORED, lib, lib.resolve("xen-4.9").toString()))
                .contains(chosen);
        assertThat(XenTools.daemon(Xenstored.Daemon.CXENSTORED, lib, lib.resolve("xen-4.9").toString())).isEmpty();
    }

    @Test
    void versionsCompareByNumberNotByText() {
        assertThat(XenTools.versionOrder("xen-4.9", "xen-4.17")).isNegative();
        assertThat(XenTools.versionOrder("xen-4.17", "xen-4.17")).isZero();
        assertThat(XenTools.versionOrder("xen-10.0", "xen-4.20")).isPositive();
    }

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
