package io.pvscope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.pvscope.core.KeyWatch;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.UnitStore;
import io.pvscope.core.kv.KeyFeed;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.kv.KeyTree;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.Agents;

/** A key tree fed by a real Watch stream follows what another client does to the store. */
class KeyWatchTest {

    private AgentProcess agent;
    private TargetConnection connection;
    private UnitStore store;
    private KeyWatch watch;
    private final KeyFeed feed = new KeyFeed();
    private final KeyTree tree = new KeyTree();

    @BeforeEach
    void startWatching() throws Exception {
        agent = AgentProcess.start();
        connection = new TargetConnection(agent.target(), c -> {
        });
        connection.connect().get(30, TimeUnit.SECONDS);
        store = connection.store(Agents.simulatedUnit(connection));
        watch = store.watch(List.of(""), Duration.ZERO, feed);
        drainUntil("the snapshot is complete", tree::isLive);
    }

    @AfterEach
    void stop() throws Exception {
        watch.cancel();
        connection.disconnect();
        agent.close();
    }

    @Test
    void snapshotHoldsTheSeededStore() {
        assertEquals("00:16:3e:5a:1c:07", tree.find("device/vif/0/mac").valueText());
        assertTrue(feed.snapshotEntries() >= tree.size() - 1, feed.snapshotEntries() + " vs " + tree.size());
    }

    @Test
    void writeByAnotherClientArrivesAsAMarkedChange() throws Exception {
        TargetConnection other = new TargetConnection(agent.target(), c -> {
        });
        other.connect().get(30, TimeUnit.SECONDS);
        try {
            other.store(store.unit()).write("data/updated", ByteString.copyFromUtf8("by another client"))
                    .get(30, TimeUnit.SECONDS);
        } finally {
            other.disconnect();
        }

        drainUntil("the change arrives", () -> "by another client".equals(valueOf("data/updated")));
        assertTrue(tree.find("data/updated").changedAt() != 0, "marked as a live change");
    }

    @Test
    void deleteArrivesAsAMarkBeforeTheKeyGoes() throws Exception {
        store.write("data/short-lived", ByteString.copyFromUtf8("x")).get(30, TimeUnit.SECONDS);
        drainUntil("the new key arrives", () -> tree.find("data/short-lived") != null);

        store.delete("data/short-lived").get(30, TimeUnit.SECONDS);

        drainUntil("the delete arrives", () -> tree.find("data/short-lived").isDeleted());
        tree.purgeDeleted(System.nanoTime());
        assertEquals(null, tree.find("data/short-lived"));
    }

    private String valueOf(String key) {
        KeyNode node = tree.find(key);
        return node == null ? null : node.valueText();
    }

    private void drainUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            feed.drainInto(tree, TimeUnit.MILLISECONDS.toNanos(20));
            if (condition.getAsBoolean()) {
                return;
            }
            if (feed.failure() != null) {
                fail("the watch broke while waiting until " + what + ": " + feed.failure());
            }
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
