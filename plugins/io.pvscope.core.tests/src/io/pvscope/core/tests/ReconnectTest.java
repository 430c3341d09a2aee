package io.pvscope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pvscope.core.ConnectionState;
import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.tests.agent.AgentProcess;

/** A connection that loses its agent keeps trying, and is back once an agent listens on the port again. */
class ReconnectTest {

    /** The simulated store both agents of a test keep, so that the second one finds the first one's tree. */
    @TempDir
    Path store;
    private AgentProcess agent;
    private TargetConnection connection;

    @AfterEach
    void stop() throws Exception {
        if (connection != null) {
            connection.disconnect();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void lostAgentIsReconnectedWhenANewOneStartsOnThePort() throws Exception {
        agent = AgentProcess.start(store.resolve("sim.json"), 0);
        List<ConnectionState> seen = new CopyOnWriteArrayList<>();
        connection = new TargetConnection(agent.target(), c -> seen.add(c.state()));
        connection.connect().get(30, TimeUnit.SECONDS);
        String firstStart = connection.agentInfo().orElseThrow().getStarted().toString();

        AgentProcess lost = agent;
        lost.kill();
        waitFor(ConnectionStatus.RECONNECTING);
        agent = AgentProcess.start(store.resolve("sim.json"), lost.target().port());
        lost.close();
        waitFor(ConnectionStatus.CONNECTED);

        assertTrue(seen.stream().anyMatch(state -> state.status() == ConnectionStatus.RECONNECTING
                && state.message().startsWith("agent lost")), seen.toString());
        assertEquals(ConnectionStatus.CONNECTED, connection.state().status());
        assertTrue(!connection.agentInfo().orElseThrow().getStarted().toString().equals(firstStart),
                "the agent info is the new agent's");
        connection.fetchUnits().get(30, TimeUnit.SECONDS);
    }

    @Test
    void disconnectStopsTheRetries() throws Exception {
        agent = AgentProcess.start();
        connection = new TargetConnection(agent.target(), c -> {
        });
        connection.connect().get(30, TimeUnit.SECONDS);
        agent.kill();
        waitFor(ConnectionStatus.RECONNECTING);

        connection.disconnect();
        Thread.sleep(1_000);

        assertEquals(ConnectionStatus.DISCONNECTED, connection.state().status());
    }

    private void waitFor(ConnectionStatus wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (connection.state().status() != wanted) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + wanted + ", state is " + connection.state());
            }
            Thread.sleep(20);
        }
    }
}
