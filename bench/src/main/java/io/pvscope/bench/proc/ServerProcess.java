package io.pvscope.bench.proc;

import io.pvscope.testsupport.process.ServingProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A server started as its own process (the agent, or the bare baseline server) that announces its port on
 * stdout with "... serving on HOST:PORT", as {@code pvscope serve} does; what the benchmark adds to the test
 * kit's {@link ServingProcess} is its resident memory.
 */
public final class ServerProcess implements AutoCloseable {

    /** A JVM started on a busy machine, with an AppCDS archive to map, still announces well within this. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final ServingProcess process;

    private ServerProcess(ServingProcess process) {
        this.process = process;
    }

    /** Starts the command and returns once it printed its port; its stderr goes to {@code log}. */
    public static ServerProcess start(List<String> command, Path log) throws IOException, InterruptedException {
        return new ServerProcess(ServingProcess.start(command, log, START_TIMEOUT));
    }

    public int port() {
        return process.port();
    }

    public long pid() {
        return process.pid();
    }

    /** System.nanoTime() just before the process was spawned. */
    public long startedNanos() {
        return process.startedNanos();
    }

    public long rssKib() {
        return ProcStatus.rssKib(process.pid());
    }

    /** SIGTERM, so that shutdown hooks run (an AppCDS archive is written at a normal exit). */
    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
