package io.pvscope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.pvscope.core.ConnectionState;
import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.ConnectedAgent;
import io.pvscope.core.tests.agent.SlowLink;

/**
 * A connection whose agent is stopped with SIGSTOP, as a guest stopped at a breakpoint stops everything in
 * it: the TCP connection stays open and nothing answers. The connection must say so within a few seconds,
 * keep what it fetched, and be back by itself once the agent continues.
 */
class LivenessTest {

    private TargetConnection connection;

    @Test
    void aStoppedAgentIsNotAnsweringWithinSecondsAndLiveAgainWhenItContinues() throws Exception {
        List<ConnectionState> seen = new CopyOnWriteArrayList<>();
        try (ConnectedAgent connected = ConnectedAgent.start(c -> seen.add(c.state()))) {
            connection = connected.connection();
            stopAndContinue(connected.agent(), seen);
        }
    }

    private void stopAndContinue(AgentProcess agent, List<ConnectionState> seen) throws Exception {
        connection.fetchDeviceTree().get(30, TimeUnit.SECONDS);
        waitUntil(() -> connection.lastLatency().isPresent(), "a latency from the pings");

        agent.stop();
        long stopped = System.nanoTime();
        waitFor(ConnectionStatus.NOT_ANSWERING);
        Duration noticed = Duration.ofNanos(System.nanoTime() - stopped);

        assertTrue(connection.state().message().startsWith("not answering since "), connection.state().message());
        assertTrue(connection.state().message().endsWith("(the guest may be stopped at a breakpoint)"),
                connection.state().message());
        assertTrue(connection.notAnsweringSince().isPresent());
        assertTrue(connection.deviceTree().isPresent(), "the last-known tree is kept");

        agent.resume();
        long resumed = System.nanoTime();
        waitFor(ConnectionStatus.CONNECTED);
        System.out.printf("LivenessTest: SIGSTOP → NOT_ANSWERING after %d ms; SIGCONT → CONNECTED after %d ms%n",
                noticed.toMillis(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumed));
        assertEquals(List.of(ConnectionStatus.CONNECTING, ConnectionStatus.CONNECTED, ConnectionStatus.NOT_ANSWERING,
                ConnectionStatus.CONNECTED), transitions(seen));
        connection.fetchDeviceTree().get(30, TimeUnit.SECONDS);
    }

    /**
     * A network path that swallows everything without a reset (a partition, a stalled relay): the same
     * silence as a stopped guest, and the same connection once it heals, without a reconnect.
     */
    @Test
    void aBlackHoledLinkIsNotAnsweringAndTheSameConnectionGoesOnWhenItHeals() throws Exception {
        List<ConnectionState> seen = new CopyOnWriteArrayList<>();
        try (AgentProcess agent = AgentProcess.start(); SlowLink link = SlowLink.to(agent.target(), Duration.ZERO)) {
            connection = new TargetConnection(link.target(), c -> seen.add(c.state()));
            try {
                connection.connect().get(30, TimeUnit.SECONDS);
                connection.fetchDeviceTree().get(30, TimeUnit.SECONDS);

                link.blackHole();
                waitFor(ConnectionStatus.NOT_ANSWERING);
                assertTrue(connection.deviceTree().isPresent(), "the last-known tree is kept");

                link.heal();
                waitFor(ConnectionStatus.CONNECTED);
                assertEquals(List.of(ConnectionStatus.CONNECTING, ConnectionStatus.CONNECTED,
                        ConnectionStatus.NOT_ANSWERING, ConnectionStatus.CONNECTED), transitions(seen));
                connection.fetchDeviceTree().get(30, TimeUnit.SECONDS);
            } finally {
                connection.disconnect();
            }
        }
    }

    /** The statuses in the order they changed, each change once. */
    private static List<ConnectionStatus> transitions(List<ConnectionState> seen) {
        List<ConnectionStatus> changes = new java.util.ArrayList<>();
        for (ConnectionState state : seen) {
            if (changes.isEmpty() || changes.get(changes.size() - 1) != state.status()) {
                changes.add(state.status());
            }
        }
        return changes;
    }

    private void waitFor(ConnectionStatus wanted) throws InterruptedException {
        waitUntil(() -> connection.state().status() == wanted, wanted.name());
    }

    private void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + ", state is " + connection.state());
            }
            Thread.sleep(20);
        }
    }
}
