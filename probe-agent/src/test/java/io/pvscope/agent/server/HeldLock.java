package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Another process holding a file's lock exclusively until released: a simulated store kept locked. */
final class HeldLock implements AutoCloseable {

    private final Process holder;

    private HeldLock(Process holder) {
        this.holder = holder;
    }

    /** Returns once the other process holds the lock. */
    static HeldLock on(Path lockFile) throws Exception {
        Path source = Path.of(HeldLock.class.getResource("/lock-holder/LockHolder.java").toURI());
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                ChildJvm.NO_PERF_DATA, source.toString(), lockFile.toString()).redirectErrorStream(true).start();
        String first = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(first).as("the lock holder's first line").isEqualTo("locked");
        return new HeldLock(process);
    }

    /** Lets go of the lock and waits for the other process to end. */
    boolean release() throws Exception {
        holder.getOutputStream().close();
        return holder.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        release();
        holder.destroyForcibly();
    }
}
