package io.pvscope.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.detect.DetectedUnit;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.fs.SystemRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A detection started ahead is the one the bus then answers from. Detection is held by a named pipe in place
 * of a DMI file: it reads the file once per detection, and the test writes it once, so a second detection
 * would wait for ever.
 */
class AgentBusTest {

    private static final String HELD_FILE = "sys/class/dmi/id/sys_vendor";

    @TempDir
    Path dir;

    @Test
    void currentWaitsForTheDetectionStartedAhead() throws Exception {
        Path root = copyOf(FakeRoots.path("kvm-hyperv"), dir.resolve("root"));
        Path pipe = root.resolve(HELD_FILE);
        String vendor = Files.readString(pipe);
        Files.delete(pipe);
        mkfifo(pipe);
        try (AgentBus bus = new AgentBus(new Detection(SystemRoot.of(root), Clock.systemUTC()), List.of())) {
            bus.detectAhead();
            CompletableFuture<AgentBus.View> current = CompletableFuture.supplyAsync(bus::current);

            Files.writeString(pipe, vendor);

            AgentBus.View view = current.get(30, TimeUnit.SECONDS);
            assertThat(view.report().units()).extracting(DetectedUnit::name).containsExactly("KVM", "Hyper-V");
            // One detection: the one started ahead, which read the pipe.
            assertThat(bus.current().report()).isSameAs(view.report());
        }
    }

    private static Path copyOf(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
        return target;
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).as("mkfifo exit status").isZero();
    }
}
