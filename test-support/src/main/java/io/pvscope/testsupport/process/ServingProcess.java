package io.pvscope.testsupport.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server run as a process of its own that announces where it listens with a line "... serving on
 * HOST:PORT" on stdout, as {@code pvscope serve} (and the benchmark's bare server) do for the tools that
 * start them. Its stderr goes to a log file; stdout is drained after the announcement so that a chatty
 * server never blocks on a full pipe. The agent's tests, the plug-in's tests and the benchmark start agents
 * through it.
 */
public final class ServingProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving on (\\S+):(\\d+)");

    private final Process process;
    private final Thread stopAtExit;
    private final String host;
    private final int port;
    private final long startedNanos;

    private ServingProcess(Process process, Thread stopAtExit, String host, int port, long startedNanos) {
        this.process = process;
        this.stopAtExit = stopAtExit;
        this.host = host;
        this.port = port;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts {@code command}, appending its stderr to {@code log}, and returns once it announced its port.
     *
     * @throws IOException when it ends, or does not announce within {@code timeout}; the message names the log
     */
    public static ServingProcess start(List<String> command, Path log, Duration timeout)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        process.getOutputStream().close();
        // Stops the server even when the runtime that started it ends without closing it; removed once it ended,
        // so that a long test run does not collect one hook per server it started.
        Thread stopAtExit = new Thread(process::destroyForcibly, "serving-process-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        CompletableFuture<Matcher> announced = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStdout(process, announced), "serving-process-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            Matcher serving = announced.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ServingProcess(process, stopAtExit, serving.group(1), Integer.parseInt(serving.group(2)),
                    started);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            forget(stopAtExit);
            String why = e instanceof TimeoutException ? "did not announce its port within " + timeout
                    : e.getCause().getMessage();
            throw new IOException(command.get(0) + " " + why + "; see " + log, e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static void readStdout(Process process, CompletableFuture<Matcher> announced) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher serving = SERVING.matcher(line);
                if (!announced.isDone() && serving.find()) {
                    announced.complete(serving);
                }
            }
            announced.completeExceptionally(new IOException("exited with code " + process.waitFor()
                    + " before it announced its port"));
        } catch (IOException | InterruptedException e) {
            announced.completeExceptionally(e);
        }
    }

    /** The host it announced (e.g. "127.0.0.1"). */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} just before the process was started. */
    public long startedNanos() {
        return startedNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code timeout} for the process to end by itself. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends a signal by name ("STOP", "CONT", "HUP", "TERM"). */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGKILL: no shutdown hook, no drain, no flush, as a crash would end it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        forget(stopAtExit);
    }

    private static void forget(Thread stopAtExit) {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // The runtime is already shutting down and runs the hook anyway.
        }
    }

    /**
     * Lets a stopped process go on, asks it to end (SIGTERM: its shutdown hooks run, a JVM writes an AppCDS
     * archive it was asked for) and kills it if it has not ended within 15 s.
     */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            forget(stopAtExit);
            return;
        }
        try {
            signal("CONT");
        } catch (IOException e) {
            // Gone meanwhile: nothing to resume.
        }
        process.destroy();
        if (process.waitFor(15, TimeUnit.SECONDS)) {
            forget(stopAtExit);
        } else {
            kill();
        }
    }
}
