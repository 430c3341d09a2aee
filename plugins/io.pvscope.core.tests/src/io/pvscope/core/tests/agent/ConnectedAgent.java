package io.pvscope.core.tests.agent;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.pvscope.core.TargetConnection;
import io.pvscope.core.UnitStore;

/** A real agent with its simulated store, and a connection of the test's own to it; closing ends both. */
public final class ConnectedAgent implements AutoCloseable {

    private final AgentProcess agent;
    private final TargetConnection connection;

    private ConnectedAgent(AgentProcess agent, TargetConnection connection) {
        this.agent = agent;
        this.connection = connection;
    }

    /** Starts an agent on its seeded simulated store and connects to it. */
    public static ConnectedAgent start() throws Exception {
        return start(c -> {
        });
    }

    /** The same, telling {@code onChange} of every change of the connection, the first connect included. */
    public static ConnectedAgent start(Consumer<TargetConnection> onChange) throws Exception {
        AgentProcess agent = AgentProcess.start();
        TargetConnection connection = new TargetConnection(agent.target(), onChange);
        try {
            connection.connect().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            connection.disconnect();
            agent.close();
            throw e;
        }
        return new ConnectedAgent(agent, connection);
    }

    public AgentProcess agent() {
        return agent;
    }

    public TargetConnection connection() {
        return connection;
    }

    /** The simulated store's unit number. */
    public int simulatedUnit() throws Exception {
        return Agents.simulatedUnit(connection);
    }

    /** The simulated store, through this connection. */
    public UnitStore simulatedStore() throws Exception {
        return connection.store(simulatedUnit());
    }

    @Override
    public void close() throws InterruptedException {
        connection.disconnect();
        agent.close();
    }
}
