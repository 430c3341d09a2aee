package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.pvscope.agent.ChildJvm;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's real main class ({@code pvscope serve}) in a child JVM on the test classpath, so that a test
 * can SIGKILL it: nothing of the agent runs in the test's own process.
 */
public final class AgentProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("pvscope-agent: serving on ([^ ]+):(\\d+)");

    private final Process process;
    public final int port;

    private AgentProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code pvscope serve ARGS --listen 127.0.0.1:0} and waits for the line that names the port. */
    public static AgentProcess serve(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", ChildJvm.NO_PERF_DATA,
                "-cp", System.getProperty("java.class.path"), "io.pvscope.agent.cli.Main", "serve",
                "--listen", "127.0.0.1:0"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher serving = SERVING.matcher(line);
            if (serving.find()) {
                return new AgentProcess(process, Integer.parseInt(serving.group(2)));
            }
        }
        process.destroyForcibly();
        throw new IOException("the agent ended before serving; see " + log);
    }

    ManagedChannel channel() {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    /** Fails unless a fresh connection reads the simulated store's "name" key. */
    void assertServes() throws InterruptedException {
        ManagedChannel channel = channel();
        try {
            assertReadsName(channel);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Waits up to {@code seconds} until a fresh connection reads the "name" key, as a client that retries an
     * UNAVAILABLE call would: right after an attack the agent may still be closing what the attacker left.
     *
     * @return how long it took, in milliseconds
     */
    long awaitServes(int seconds) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                assertServes();
                return (System.nanoTime() - start) / 1_000_000;
            } catch (io.grpc.StatusRuntimeException e) {
                if (e.getStatus().getCode() != io.grpc.Status.Code.UNAVAILABLE || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Fails unless {@code channel} reads the simulated store's "name" key: the agent serves on it. */
    static void assertReadsName(ManagedChannel channel) {
        assertThat(PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .kvRead(KvReadRequest.newBuilder().setKey("name").build()).getValue().toStringUtf8())
                .isEqualTo("pvscope-demo");
    }

    /** Waits up to 20 s for {@code wanted} in the agent's log, failing with the log if it never comes. */
    static void awaitLog(Path log, String wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.readString(log).contains(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.readString(log)).contains(wanted);
    }

    public long pid() {
        return process.pid();
    }

    /** Waits up to {@code seconds} for the process to end by itself. */
    public boolean awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** SIGKILL: no shutdown hook, no drain, no flush. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
