package io.pvscope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.proto.v1.AgentInfo;
import io.pvscope.proto.v1.DeviceTree;
import io.pvscope.proto.v1.ListUnitsResponse;

class TargetConnectionTest {

    private static AgentProcess agent;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = AgentProcess.start();
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void connectReadsAgentInfoAndUnitsFromTheRealAgent() throws Exception {
        List<ConnectionStatus> seen = new CopyOnWriteArrayList<>();
        TargetConnection connection = new TargetConnection(agent.target(), c -> seen.add(c.state().status()));

        connection.connect().get(30, TimeUnit.SECONDS);
        AgentInfo info = connection.agentInfo().orElseThrow();
        ListUnitsResponse units = connection.fetchUnits().get(30, TimeUnit.SECONDS);
        connection.disconnect();

        assertFalse(info.getAgentVersion().isEmpty(), "agent version");
        assertFalse(info.getHostName().isEmpty(), "host name");
        assertEquals(ConnectionStatus.CONNECTING, seen.get(0));
        assertTrue(seen.contains(ConnectionStatus.CONNECTED), "went through CONNECTED: " + seen);
        assertEquals(ConnectionStatus.DISCONNECTED, connection.state().status());
        assertTrue(connection.lastLatency().isPresent(), "latency of the last call");
        assertEquals(units, connection.units().orElseThrow());
        for (int index = 0; index < units.getUnitsCount(); index++) {
            assertEquals(index, units.getUnits(index).getUnit(), "units are numbered as /dev/pvbusN");
            assertFalse(units.getUnits(index).getName().isEmpty(), "unit " + index + " has a name");
        }
    }

    @Test
    void deviceTreeStartsAtMainbus0WithPvbus0BelowIt() throws Exception {
        TargetConnection connection = new TargetConnection(agent.target(), c -> {
        });
        connection.connect().get(30, TimeUnit.SECONDS);

        DeviceTree tree = connection.fetchDeviceTree().get(30, TimeUnit.SECONDS);
        connection.disconnect();

        assertEquals("mainbus0", tree.getRoot().getName());
        assertEquals("pvbus0", tree.getRoot().getChildren(0).getName());
        assertEquals(tree, connection.deviceTree().orElseThrow());
    }

    @Test
    void connectionToAClosedPortEndsFailedWithAMessage() throws Exception {
        TargetConnection connection = new TargetConnection(new Target(null, "127.0.0.1", closedPort()), c -> {
        });

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> connection.connect().get(30, TimeUnit.SECONDS));

        assertEquals(ConnectionStatus.FAILED, connection.state().status(), failure.toString());
        assertTrue(connection.state().message().startsWith("UNAVAILABLE"), connection.state().message());
    }

    @Test
    void connectReturnsBeforeTheAgentAnswers() throws Exception {
        TargetConnection connection = new TargetConnection(agent.target(), c -> {
        });

        var answer = connection.connect();

        assertEquals(ConnectionStatus.CONNECTING, connection.state().status());
        answer.get(30, TimeUnit.SECONDS);
        assertEquals(ConnectionStatus.CONNECTED, connection.state().status());
        connection.disconnect();
    }

    /** A port that was free a moment ago and on which nothing listens now. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
