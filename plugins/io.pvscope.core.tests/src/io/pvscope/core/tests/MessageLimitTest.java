package io.pvscope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.grpc.Status;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.TargetManager;
import io.pvscope.core.UnitStore;
import io.pvscope.core.internal.TargetStore;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.Agents;
import io.pvscope.core.tests.agent.MapSecrets;

/**
 * The manager's bound on messages from an agent, against the real agent: an answer over it fails
 * RESOURCE_EXHAUSTED rather than being taken in, and a changed bound applies to the next call of an open
 * connection.
 */
class MessageLimitTest {

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
    void anAnswerOverTheLimitFailsAndARaisedLimitLetsItThrough() throws Exception {
        agent = AgentProcess.start();
        TargetManager manager = new TargetManager(new TargetStore(
                InstanceScope.INSTANCE.getNode("io.pvscope.core.tests").node(UUID.randomUUID().toString())),
                new MapSecrets());
        Target target = manager.add(agent.target());
        connection = manager.connection(target);
        connection.connect().get(30, TimeUnit.SECONDS);
        UnitStore store = connection.store(Agents.simulatedUnit(connection));
        byte[] large = new byte[40 * 1024];
        Arrays.fill(large, (byte) 'x');
        store.write("data/large", ByteString.copyFrom(large)).get(30, TimeUnit.SECONDS);
        store.write("data/small", ByteString.copyFromUtf8("ok")).get(30, TimeUnit.SECONDS);

        manager.setMaxMessageBytes(TargetManager.MIN_MESSAGE_BYTES);
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> store.read("data/large").get(30, TimeUnit.SECONDS));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, Status.fromThrowable(refused.getCause()).getCode());
        assertEquals("ok", store.read("data/small").get(30, TimeUnit.SECONDS).getValue().toStringUtf8(),
                "answers under the limit still arrive on the same connection");

        manager.setMaxMessageBytes(1024 * 1024);
        assertEquals(large.length, store.read("data/large").get(30, TimeUnit.SECONDS).getValue().size());
    }

    @Test
    void aLimitTooSmallForOrdinaryAnswersIsRefused() {
        TargetManager manager = new TargetManager(new TargetStore(
                InstanceScope.INSTANCE.getNode("io.pvscope.core.tests").node(UUID.randomUUID().toString())));

        assertThrows(IllegalArgumentException.class,
                () -> manager.setMaxMessageBytes(TargetManager.MIN_MESSAGE_BYTES - 1));
        assertEquals(TargetConnection.DEFAULT_MAX_MESSAGE_BYTES, manager.maxMessageBytes());
    }
}
