package io.pvscope.bench.proc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command run to its end with its output in a log: what the harness prepares, not what it times. */
public final class LoggedRun {

    private LoggedRun() {
    }

    /**
     * Runs {@code command}, standard output and error into {@code log}, and fails, naming {@code what} and the
     * log, unless it exits 0 within {@code limit}.
     */
    public static void toEnd(String what, List<String> command, Path log, Duration limit)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
            process.destroyForcibly();
            throw new IOException(what + " did not finish within " + limit.toMinutes() + " minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IOException(what + " failed (exit " + process.exitValue() + "); see " + log);
        }
    }
}
