package io.pvscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.fs.SystemRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A copy of a captured guest whose DMI vendor file is a named pipe: detection reads that file once per
 * detection, so it waits until the test {@link #release releases} it, and a second detection would wait for
 * ever.
 */
public final class HeldDetectionRoot {

    private static final String HELD_FILE = "sys/class/dmi/id/sys_vendor";

    private final Path root;
    private final Path pipe;
    private final String vendor;

    private HeldDetectionRoot(Path root, Path pipe, String vendor) {
        this.root = root;
        this.pipe = pipe;
        this.vendor = vendor;
    }

    /** {@code fakeRoot} of the test resources, copied under {@code dir} with its vendor file held. */
    public static HeldDetectionRoot of(String fakeRoot, Path dir) throws IOException, InterruptedException {
        Path root = FakeRoots.copy(fakeRoot, dir.resolve("root"));
        Path pipe = root.resolve(HELD_FILE);
        String vendor = Files.readString(pipe);
        Files.delete(pipe);
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).as("mkfifo exit status").isZero();
        assertThat(Files.isRegularFile(pipe)).isFalse();
        return new HeldDetectionRoot(root, pipe, vendor);
    }

    public SystemRoot root() {
        return SystemRoot.of(root);
    }

    /** The vendor the held file gives once released. */
    public String vendor() {
        return vendor;
    }

    /** Lets the waiting detection read the file; returns once it has. */
    public void release() throws IOException {
        Files.writeString(pipe, vendor);
    }
}
