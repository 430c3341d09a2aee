package io.pvscope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library copied out once is the one JNA loads when pointed at it, with unpacking forbidden. */
class NativeLibraryInstallTest {

    @TempDir
    Path dir;

    @Test
    void jnaLoadsTheInstalledLibraryWithoutUnpacking() throws Exception {
        Path installed = NativeLibraryInstall.install(dir.resolve("jna"));
        assertThat(installed).isRegularFile().hasParent(dir.resolve("jna"));
        assertThat(Files.size(installed)).isPositive();

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), ChildJvm.NO_PERF_DATA,
                "-Djna.boot.library.path=" + installed.getParent(), "-Djna.nounpack=true", "-Djna.debug_load.jna=true",
                "-cp", System.getProperty("java.class.path"), "com.sun.jna.Native")
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.waitFor()).as(output).isZero();
        assertThat(output).contains("Found jnidispatch at " + installed);
    }
}
