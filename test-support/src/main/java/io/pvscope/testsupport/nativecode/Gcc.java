package io.pvscope.testsupport.nativecode;

import io.pvscope.testsupport.Unavailable;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the C helpers of tests (LD_PRELOAD shims, small programs) with gcc, each once per JVM: later calls
 * for the same output return the file already built. Outputs go to a build directory the caller owns (its
 * module's {@code target/}), so a run leaves nothing elsewhere.
 */
public final class Gcc {

    private static final long TIMEOUT_SECONDS = 120;
    private static final Set<Path> BUILT = new HashSet<>();

    private Gcc() {
    }

    /** Why nothing can be built here, or empty when gcc is on the PATH. */
    public static Optional<String> unavailableReason() {
        return gcc().isPresent() ? Optional.empty()
                : Optional.of("gcc is not on the PATH (Debian: gcc libc6-dev)");
    }

    /**
     * {@code lib<name>.so} from {@code source}, position-independent; {@code flags} follow the source on gcc's
     * command line, so libraries ("-ldl") may be among them.
     *
     * @throws Unavailable when gcc is missing
     * @throws IOException with gcc's output when the source does not compile
     */
    public static Path sharedLibrary(CSource source, Path buildDir, String... flags)
            throws IOException, InterruptedException {
        return build(source, buildDir.resolve("lib" + source.baseName() + ".so"), List.of("-shared", "-fPIC"), flags);
    }

    /** An executable named after {@code source}; otherwise as {@link #sharedLibrary}. */
    public static Path program(CSource source, Path buildDir, String... flags)
            throws IOException, InterruptedException {
        return build(source, buildDir.resolve(source.baseName()), List.of(), flags);
    }

    private static synchronized Path build(CSource source, Path output, List<String> kind, String... flags)
            throws IOException, InterruptedException {
        Path target = output.toAbsolutePath().normalize();
        if (BUILT.contains(target)) {
            return target;
        }
        Path gcc = gcc().orElseThrow(() -> new Unavailable(unavailableReason().orElseThrow()
                + ": cannot build " + source));
        Files.createDirectories(target.getParent());
        List<String> command = new ArrayList<>(List.of(gcc.toString()));
        command.addAll(kind);
        command.addAll(List.of("-o", target.toString(), source.materialize(target.getParent()).toString()));
        command.addAll(List.of(flags));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        // gcc's output is small; reading it before waiting cannot block on a full pipe.
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("gcc did not build " + source + " within " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("gcc could not build " + source + " (exit " + process.exitValue() + "):\n"
                    + String.join(" ", command) + "\n" + out);
        }
        BUILT.add(target);
        return target;
    }

    private static Optional<Path> gcc() {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "gcc"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
