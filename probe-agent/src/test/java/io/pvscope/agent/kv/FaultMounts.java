package io.pvscope.agent.kv;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * Real file-system faults for tests: a small tmpfs that can be filled, and a read-only bind mount laid over
 * a folder in use. Needs root (mount(8)); where mounting is not possible the test is skipped, not passed.
 * Every mount is undone by {@link #close()}, innermost first.
 */
public final class FaultMounts implements AutoCloseable {

    private final Deque<Path> mounted = new ArrayDeque<>();

    /** Mounts a tmpfs of {@code kib} KiB on {@code dir}. */
    public void tmpfs(Path dir, int kib) throws Exception {
        Files.createDirectories(dir);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "pvscope-test", dir.toString()),
                "cannot mount a tmpfs here (not root, or no mount namespace rights)");
        mounted.push(dir);
    }

    /**
     * Lays a read-only bind of {@code dir} over itself. Files already open keep their old, writable mount
     * (a store's lock file stays usable), while every new open or create goes through the read-only one:
     * as a file system remounted read-only under a running agent looks to new writes.
     */
    public void readOnlyOver(Path dir) throws Exception {
        assumeTrue(run("mount", "--bind", dir.toString(), dir.toString()), "cannot bind-mount here");
        mounted.push(dir);
        if (!run("mount", "-o", "remount,bind,ro", dir.toString())) {
            throw new IOException("could not make the bind mount on " + dir + " read-only");
        }
    }

    /** Fills the file system holding {@code dir} until a write fails; returns the filler file. */
    public static Path fill(Path dir) throws IOException {
        Path filler = dir.resolve("filler");
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 1_000_000; i++) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            return filler;
        }
        throw new IOException(dir + " never filled up");
    }

    private static boolean run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return false;
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        if (process.exitValue() != 0) {
            System.err.println(String.join(" ", command) + ": " + output.strip());
        }
        return process.exitValue() == 0;
    }

    @Override
    public void close() throws Exception {
        while (!mounted.isEmpty()) {
            Path dir = mounted.pop();
            if (!run("umount", dir.toString()) && !run("umount", "-l", dir.toString())) {
                throw new IOException("could not unmount " + dir);
            }
        }
    }
}
