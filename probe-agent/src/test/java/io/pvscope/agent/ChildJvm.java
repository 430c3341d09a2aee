package io.pvscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the tests pass to every JVM they start and may kill, and a main class of the tests' run in its own JVM. */
public final class ChildJvm {

    /**
     * Keeps a child JVM out of /tmp/hsperfdata_USER: one killed with SIGKILL cannot remove its file there, and
     * one run as nobody leaves a directory behind. No test reads a child's counters (jps, jstat).
     */
    public static final String NO_PERF_DATA = "-XX:-UsePerfData";

    private ChildJvm() {
    }

    /** How a child JVM ended: its exit code, and its standard output and error as one text. */
    public record Ended(int exit, String output) {

        /** The output of a child that exited 0; a test fails, showing the output, on any other exit. */
        public String successfulOutput() {
            assertThat(exit).as(output).isZero();
            return output;
        }
    }

    /**
     * Runs {@code mainClass} on this JVM's java and class path, with {@code jvmFlags} and {@code args}, to its
     * end.
     */
    public static Ended run(List<String> jvmFlags, String mainClass, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), NO_PERF_DATA));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ended(child.waitFor(), output);
    }
}
