package io.pvscope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pvscope.core.KeyWatch;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.kv.KeyFeed;
import io.pvscope.core.kv.KeyTree;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.Agents;
import io.pvscope.core.tests.agent.SimStoreFile;

/**
 * A 50 000-key store loads completely through Watch into a key tree. Reports how long it took from connect
 * to the last key applied, and the longest single batch (the time a UI thread would be busy at once);
 * timings are printed, not asserted.
 */
class LargeStoreTest {

    @TempDir
    Path dir;

    static final int DIRECTORIES = 200;
    static final int KEYS_PER_DIRECTORY = 250;

    @Test
    void fiftyThousandKeysLoadCompletely() throws Exception {
        Path file = largeStore().writeTo(dir.resolve("sim.json"));
        try (AgentProcess agent = AgentProcess.start(file, 0)) {
            long start = System.nanoTime();
            TargetConnection connection = new TargetConnection(agent.target(), c -> {
            });
            connection.connect().get(60, TimeUnit.SECONDS);
            KeyFeed feed = new KeyFeed();
            KeyTree tree = new KeyTree();
            KeyWatch watch = connection.store(Agents.simulatedUnit(connection)).watch(List.of(""), Duration.ZERO,
                    feed);
            long longestBatch = 0;
            long deadline = start + TimeUnit.SECONDS.toNanos(120);
            while (!tree.isLive() && feed.failure() == null && System.nanoTime() < deadline) {
                long batchStart = System.nanoTime();
                feed.drainInto(tree, TimeUnit.MILLISECONDS.toNanos(20));
                longestBatch = Math.max(longestBatch, System.nanoTime() - batchStart);
                Thread.sleep(5);
            }
            long loaded = System.nanoTime() - start;
            watch.cancel();
            connection.disconnect();

            assertNull(feed.failure(), "the watch did not break");
            assertEquals(DIRECTORIES * KEYS_PER_DIRECTORY, tree.find("bulk").children().stream()
                    .mapToInt(directory -> directory.children().size()).sum());
            System.out.printf("pvscope measurement: core, %d keys in the store: connect to fully loaded %d ms,"
                    + " longest batch %d ms%n", tree.size(), TimeUnit.NANOSECONDS.toMillis(loaded),
                    TimeUnit.NANOSECONDS.toMillis(longestBatch));
        }
    }

    /** 200 directories of 250 keys under bulk/, beside the usual small keys. */
    static SimStoreFile largeStore() {
        SimStoreFile store = new SimStoreFile().put("name", "large-demo").put("data/updated", "");
        for (int directory = 0; directory < DIRECTORIES; directory++) {
            for (int key = 0; key < KEYS_PER_DIRECTORY; key++) {
                store.put(String.format("bulk/d%03d/k%03d", directory, key), "value " + directory + "." + key);
            }
        }
        return store;
    }
}
