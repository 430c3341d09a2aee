package io.pvscope.agent.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pvscope.agent.ChildJvm;
import io.pvscope.testsupport.files.FileTrees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of the attack programs under {@code src/test/resources/attack}, run as another local user (nobody,
 * through setpriv) so that the agent sees a second user on loopback. Needs root; skipped otherwise.
 */
final class LocalAttacker implements AutoCloseable {

    private static final String NOBODY = "65534";

    private final Process process;
    /** Where its program was copied for nobody to read; removed once it is closed. */
    private final Path folder;
    private final BufferedReader out;

    private LocalAttacker(Process process, Path folder) {
        this.process = process;
        this.folder = folder;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static void assumeRootWithSetpriv() {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "a second local user is needed: run as root (setpriv switches to nobody)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed");
    }

    /** What a command run as nobody printed, and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs the agent's own CLI ({@code java -jar JAR ARGS}) as nobody, from a copy nobody may read. */
    static Result runAgentCli(Path jar, String... args) throws Exception {
        assumeRootWithSetpriv();
        Path dir = readableFolder("pvscope-cli");
        try {
            Path copy = readableCopy(Files.newInputStream(jar), dir.resolve("pvscope-agent.jar"));
            Process process = new ProcessBuilder(javaAsNobody(dir, List.of("-jar", copy.toString()), args))
                    .directory(dir.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", args) + " as nobody did not finish within 60 s");
            }
            return new Result(process.exitValue(),
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            FileTrees.delete(dir);
        }
    }

    /** Runs {@code program} (a single-file Java program) as nobody with {@code args}. */
    static LocalAttacker start(String program, String... args) throws IOException {
        assumeRootWithSetpriv();
        Path dir = readableFolder("pvscope-attack");
        InputStream in = LocalAttacker.class.getResourceAsStream("/attack/" + program + ".java");
        if (in == null) {
            throw new IOException("no attack program " + program);
        }
        Path source = readableCopy(in, dir.resolve(program + ".java"));
        return new LocalAttacker(new ProcessBuilder(javaAsNobody(dir, List.of(source.toString()), args))
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("stderr").toFile())).start(), dir);
    }

    /** A folder nobody can read: the test's own temporary folders are private to root. */
    private static Path readableFolder(String prefix) throws IOException {
        return Files.createTempDirectory(prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    private static Path readableCopy(InputStream in, Path target) throws IOException {
        try (in) {
            Files.copy(in, target);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        return target;
    }

    /** This JVM's java, run as nobody in {@code dir} with {@code launch} (a source file, or -jar JAR). */
    private static List<String> javaAsNobody(Path dir, List<String> launch, String... args) {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", ProcessHandle.current().info().command().orElse("java"), "-Xmx64m",
                ChildJvm.NO_PERF_DATA, "-Duser.home=" + dir));
        command.addAll(launch);
        command.addAll(List.of(args));
        return command;
    }

    /** The next line the program printed; fails when it ends first. */
    String line() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException("the attack program ended (exit " + waitExit() + ")");
        }
        return line;
    }

    private int waitExit() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        FileTrees.delete(folder);
    }
}
