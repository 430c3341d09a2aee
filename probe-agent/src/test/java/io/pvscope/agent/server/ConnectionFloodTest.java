package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A second local user floods a real agent process with TCP connections that never send a byte, as the
 * attack that once made the agent stop accepting for good did: its connections are capped per peer and
 * closed once idle, running out of descriptors refuses connections instead of killing the acceptor, and
 * throughout, the agent serves a well-behaved client and stops on SIGTERM. The same user holding all its
 * call slots with calls that never send their request leaves the other local users theirs.
 */
class ConnectionFloodTest {

    private static final String LOCAL_CLIENT = "clients: [{name: local, local: true, read: [\"*\"]}]\n";

    @TempDir
    Path dir;

    @Test
    void anotherUsersSilentConnectionsAreCappedPerUserAndClosedWhenIdleWhileTheAgentServesOthers() throws Exception {
        LocalAttacker.assumeRootWithSetpriv();
        Path log = dir.resolve("agent.log");
        try (AgentProcess agent =
                     serve("connections: {max_connections_per_peer: 20, handshake_timeout: 2s, idle_timeout: 2s}\n");
             LocalAttacker attacker = LocalAttacker.start("SilentConnections", Integer.toString(agent.port),
                     "200", "20000")) {
            assertThat(attacker.line()).isEqualTo("opened 200 failed 0");
            agent.assertServes();

            String closed = attacker.line();
            System.out.println("ConnectionFloodTest: 200 silent connections of uid 65534: " + closed);
            assertThat(closed).startsWith("closed 200 of 200 after ");
            assertThat(Files.readString(log))
                    .contains("connection(s): max_connections_per_peer (20) reached by uid 65534");
            agent.assertServes();
        }
    }

    @Test
    void anotherUserHoldingAllItsCallSlotsLeavesTheOtherLocalUsersTheirs() throws Exception {
        LocalAttacker.assumeRootWithSetpriv();
        Path log = dir.resolve("agent.log");
        try (AgentProcess agent = serve("connections: {request_timeout: 60s}\n");
             LocalAttacker attacker = LocalAttacker.start("HalfOpenCalls", Integer.toString(agent.port), "40")) {
            assertThat(attacker.line()).isEqualTo("opened 40");
            AgentProcess.awaitLog(log, "more than 32 calls in progress from 'local (uid 65534)'");

            // Every local user used to be one client: 32 half-open calls refused everyone else's calls.
            agent.assertServes();
        }
    }

    @Test
    void aConnectionWithoutCallsIsClosedOnceIdle() throws Exception {
        try (AgentProcess agent = serve("connections: {idle_timeout: 1s}\n")) {
            ManagedChannel channel = agent.channel();
            try {
                AgentProcess.assertReadsName(channel);
                long start = System.nanoTime();
                // The client's own idle timeout is 30 minutes: only the agent's GOAWAY makes it idle now.
                while (channel.getState(false) != ConnectivityState.IDLE
                        && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20)) {
                    Thread.sleep(50);
                }
                assertThat(channel.getState(false)).isEqualTo(ConnectivityState.IDLE);
                System.out.println("ConnectionFloodTest: idle_timeout 1s: closed after "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
                AgentProcess.assertReadsName(channel);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * On Linux the listener runs on native epoll; where netty has no native transport (OpenBSD) on NIO, which
     * netty's own switch picks here.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"native epoll", "NIO"})
    void runningOutOfDescriptorsRefusesConnectionsThenTheAgentServesAgainAndStopsOnSigterm(String transport)
            throws Exception {
        LocalAttacker.assumeRootWithSetpriv();
        Path log = dir.resolve("agent.log");
        List<String> jvmFlags = transport.equals("NIO")
                ? List.of("-Dio.grpc.netty.shaded.io.netty.transport.noNative=true") : List.of();
        try (AgentProcess agent = AgentProcess.serveConfigured(dir, "no-hypervisor", LOCAL_CLIENT
                + "connections: {max_connections_per_peer: 100000, max_connections: 100000}\n", jvmFlags,
                "--store", "sim=" + dir.resolve("sim.json"))) {
            ManagedChannel established = agent.channel();
            try {
                AgentProcess.assertReadsName(established);
                assertThat(Files.readString(Path.of("/proc", Long.toString(agent.pid()), "maps")).contains(
                        "netty_transport_native_epoll")).as("native epoll loaded").isEqualTo(transport.equals("native epoll"));
                // Leaves the agent 30 descriptors: far fewer than the attacker's connections.
                long open;
                try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(agent.pid()), "fd"))) {
                    open = fds.count();
                }
                long limit = open + 30;
                run("prlimit", "--pid", Long.toString(agent.pid()), "--nofile=" + limit + ":" + limit);
                try (LocalAttacker attacker = LocalAttacker.start("SilentConnections",
                        Integer.toString(agent.port), "300", "3000")) {
                    assertThat(attacker.line()).startsWith("opened ");
                    AgentProcess.assertReadsName(established);
                    System.out.println("ConnectionFloodTest: descriptor limit " + limit + ": " + attacker.line());
                }
                Files.readAllLines(log).stream().filter(line -> line.startsWith("pvscope-agent: refused"))
                        .forEach(line -> System.out.println("ConnectionFloodTest: the agent said: " + line));
                assertThat(Files.readString(log)).contains("connection(s): out of file descriptors")
                        .doesNotContain("NoClassDefFoundError");
                AgentProcess.assertReadsName(established);
            } finally {
                established.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            System.out.println("ConnectionFloodTest: a new connection served " + agent.awaitServes(10)
                    + " ms after the attacker left");

            long start = System.nanoTime();
            run("kill", "-TERM", Long.toString(agent.pid()));
            assertThat(agent.awaitExit(30)).as("the agent exits on SIGTERM").isTrue();
            System.out.println("ConnectionFloodTest: SIGTERM after the flood: exited in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
    }

    private AgentProcess serve(String connections) throws Exception {
        return AgentProcess.serveConfigured(dir, "no-hypervisor", LOCAL_CLIENT + connections,
                "--store", "sim=" + dir.resolve("sim.json"));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0)
                .as(String.join(" ", command) + ": " + out).isTrue();
    }
}
