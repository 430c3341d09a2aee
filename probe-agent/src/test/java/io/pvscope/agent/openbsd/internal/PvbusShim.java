package io.pvscope.agent.openbsd.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Compiles src/test/c/pvbus_shim.c with gcc into target/pvbus-shim, once per test JVM. A missing gcc
 * skips the tests that need it; a shim that does not compile (a failed _Static_assert) fails them.
 */
final class PvbusShim {

    private static Path library;

    private PvbusShim() {
    }

    static synchronized Path library() throws IOException, InterruptedException {
        if (library != null) {
            return library;
        }
        Optional<Path> gcc = onPath("gcc");
        assumeTrue(gcc.isPresent(), "gcc is not on the PATH: the pvbus ABI shim cannot be built, so the ioctl "
                + "tests are skipped (install gcc to run them)");
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path source = module.resolve("src/test/c/pvbus_shim.c");
        Path output = module.resolve("target/pvbus-shim/libpvbus_shim.so");
        Files.createDirectories(output.getParent());
        Path log = output.resolveSibling("gcc.log");
        Process gccRun = new ProcessBuilder(gcc.get().toString(), "-std=c11", "-Wall", "-Wextra", "-Werror", "-O2",
                "-shared", "-fPIC", "-o", output.toString(), source.toString(), "-ldl", "-lpthread")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!gccRun.waitFor(120, TimeUnit.SECONDS)) {
            gccRun.destroyForcibly();
            throw new IllegalStateException("gcc did not finish building the pvbus shim in 120 s");
        }
        if (gccRun.exitValue() != 0) {
            throw new IllegalStateException("gcc could not build the pvbus shim:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        library = output;
        return library;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return List.of(path.split(File.pathSeparator)).stream()
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
