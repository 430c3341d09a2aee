package io.pvscope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A pvscope command running in this process on its own thread, its output captured as it comes. */
public final class RunningCommand {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exit;

    private RunningCommand(String... args) {
        exit = CompletableFuture.supplyAsync(() -> CommandLines.full().setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args));
    }

    public static RunningCommand start(String... args) {
        return new RunningCommand(args);
    }

    /** The exit code, once the command has ended. */
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    public String out() {
        synchronized (out) {
            return out.toString();
        }
    }

    public String err() {
        synchronized (err) {
            return err.toString();
        }
    }

    public void awaitOut(String wanted, Duration within) throws InterruptedException {
        await(this::out, wanted, within);
    }

    public void awaitErr(String wanted, Duration within) throws InterruptedException {
        await(this::err, wanted, within);
    }

    private void await(Supplier<String> text, String wanted, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!text.get().contains(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(text.get()).as("stderr: %s", err()).contains(wanted);
    }
}
