package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.pvscope.agent.ChildJvm;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.testsupport.process.ServingProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent's real main class ({@code pvscope serve}) in a child JVM on the test classpath, so that a test
 * can SIGKILL it: nothing of the agent runs in the test's own process.
 */
public final class AgentProcess implements AutoCloseable {

    private final ServingProcess process;
    public final int port;

    private AgentProcess(ServingProcess process) {
        this.process = process;
        this.port = process.port();
    }

    /**
     * Starts {@code pvscope serve --root ROOT ARGS} on the captured guest {@code fakeRoot} of the test
     * resources, logging to DIR/agent.log.
     */
    public static AgentProcess serveGuest(Path dir, String fakeRoot, String... args)
            throws IOException, InterruptedException {
        return serveGuest(dir, fakeRoot, defaultJvmFlags(), args);
    }

    private static AgentProcess serveGuest(Path dir, String fakeRoot, List<String> jvmFlags, String... args)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--root", FakeRoots.path(fakeRoot).toString()));
        all.addAll(List.of(args));
        return serve(dir.resolve("agent.log"), jvmFlags, all.toArray(String[]::new));
    }

    /** As {@link #serveGuest}, with {@code config} written to DIR/agent.yaml and given with --config. */
    public static AgentProcess serveConfigured(Path dir, String fakeRoot, String config, String... args)
            throws IOException, InterruptedException {
        return serveConfigured(dir, fakeRoot, config, List.of(), args);
    }

    /** As {@link #serveConfigured}, the JVM given {@code moreJvmFlags} as well. */
    public static AgentProcess serveConfigured(Path dir, String fakeRoot, String config, List<String> moreJvmFlags,
                                               String... args) throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("agent.yaml"), config);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", file.toString()));
        List<String> jvmFlags = new ArrayList<>(defaultJvmFlags());
        jvmFlags.addAll(moreJvmFlags);
        return serveGuest(dir, fakeRoot, jvmFlags, all.toArray(String[]::new));
    }

    /**
     * Starts {@code pvscope serve ARGS --listen 127.0.0.1:0} and waits for the line that names the port. The
     * JVM gets {@code -Xmx256m}, or the flags in {@code -Dpvscope.agent.jvmFlags} (scripts/soak passes the
     * shipped launcher's).
     */
    public static AgentProcess serve(Path log, String... args) throws IOException, InterruptedException {
        return serve(log, defaultJvmFlags(), args);
    }

    private static List<String> defaultJvmFlags() {
        return List.of(System.getProperty("pvscope.agent.jvmFlags", "-Xmx256m").trim().split("\\s+"));
    }

    private static AgentProcess serve(Path log, List<String> jvmFlags, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmFlags);
        command.addAll(List.of(ChildJvm.NO_PERF_DATA, "-cp", System.getProperty("java.class.path"),
                "io.pvscope.agent.cli.Main", "serve", "--listen", "127.0.0.1:0"));
        command.addAll(List.of(args));
        return new AgentProcess(ServingProcess.start(command, log, Duration.ofSeconds(60)));
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
        return process.awaitExit(Duration.ofSeconds(seconds));
    }

    /** SIGKILL: no shutdown hook, no drain, no flush. */
    public void kill9() throws InterruptedException {
        process.kill();
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** SIGKILL rather than a drained stop: the tests that want a clean stop send SIGTERM themselves. */
    @Override
    public void close() throws InterruptedException {
        kill9();
    }
}
