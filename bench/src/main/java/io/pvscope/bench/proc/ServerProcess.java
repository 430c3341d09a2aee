package io.pvscope.bench.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server started as its own process (the agent, or the bare baseline server) that announces its port on
 * stdout with "... serving on HOST:PORT", as {@code pvscope serve} does for the tools that start it.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving on ([^\\s]+):(\\d+)");

    private final Process process;
    private final int port;
    private final long startedNanos;

    private ServerProcess(Process process, int port, long startedNanos) {
        this.process = process;
        this.port = port;
        this.startedNanos = startedNanos;
    }

    /** Starts the command and returns once it printed its port; its stderr goes to {@code log}. */
    public static ServerProcess start(List<String> command, Path log) throws IOException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        process.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher serving = SERVING.matcher(line);
            if (serving.find()) {
                drain(out);
                return new ServerProcess(process, Integer.parseInt(serving.group(2)), started);
            }
        }
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " exited without serving; see " + log);
    }

    /** Keeps reading stdout so that a chatty server never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread thread = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded
                }
            } catch (IOException e) {
                // The process ended.
            }
        }, "stdout-drain");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** System.nanoTime() just before the process was spawned. */
    public long startedNanos() {
        return startedNanos;
    }

    public long rssKib() {
        return ProcStatus.rssKib(process.pid());
    }

    /** SIGTERM, so that shutdown hooks run (an AppCDS archive is written at a normal exit). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
