package io.pvscope.agent.kv.kvp.daemon;

import io.pvscope.agent.testkit.BuildDirectory;
import io.pvscope.testsupport.KitAssumptions;
import io.pvscope.testsupport.nativecode.CSource;
import io.pvscope.testsupport.nativecode.Gcc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Another process holding a whole-file fcntl lock on a pool file, as hv_kvp_daemon does while it reads or
 * rewrites a pool (src/test/c/hold_fcntl_lock.c). The lock is held until {@link #close()}.
 */
public final class FcntlLockHolder implements AutoCloseable {

    private final Process process;

    private FcntlLockHolder(Process process) {
        this.process = process;
    }

    /** Returns once the other process holds the lock; {@code exclusive} false takes a shared lock. */
    public static FcntlLockHolder lock(Path file, boolean exclusive) throws Exception {
        Process process = new ProcessBuilder(program().toString(), file.toString(), exclusive ? "write" : "read")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        FcntlLockHolder holder = new FcntlLockHolder(process);
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return output.readLine();
            } catch (IOException e) {
                return "read failed: " + e.getMessage();
            }
        });
        try {
            String line = firstLine.get(20, TimeUnit.SECONDS);
            if (!"locked".equals(line)) {
                throw new IOException("the lock holder did not lock " + file + ": " + line);
            }
        } catch (TimeoutException | ExecutionException | IOException e) {
            holder.close();
            throw e;
        }
        return holder;
    }

    /** Skips the calling test, saying why, when the holder cannot be built (no gcc). */
    public static void assumeAvailable() throws IOException, InterruptedException {
        KitAssumptions.orSkip(FcntlLockHolder::program);
    }

    private static Path program() throws IOException, InterruptedException {
        return Gcc.program(CSource.file(BuildDirectory.source("hold_fcntl_lock.c")), BuildDirectory.of("hv-kvp-shim"),
                "-Wall", "-Werror");
    }

    /** Releases the lock: the holder exits when its standard input closes. */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
