package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of the agent process while several clients write to the simulated store, three times over on the
 * same file: after each restart the file loads and holds every write the agent acknowledged, since a write
 * is only acknowledged once the file on disk was atomically replaced.
 */
class AgentKillTest {

    /** kvm-hyperv: units 0 and 1 have no store; 2 is the simulated store. */
    private static final int SIM = 2;
    private static final int WRITERS = 4;
    private static final int KILLS = 3;
    /** Acknowledged writes to wait for before each kill, so that the kill lands mid-stream. */
    private static final int ACKS_BEFORE_KILL = 60;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesAKill() throws Exception {
        Path file = dir.resolve("sim.json");
        Path log = dir.resolve("agent.log");
        // The local client may write data/, and its reads after a restart must not hit the default call rate.
        String config = String.join("\n",
                "clients: [{name: local, local: true, read: [\"*\"], write: [\"sim:data/\"]}]",
                "limits: {rate_per_second: 100000, rate_burst: 100000}", "");
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        int failedWhileDying = 0;
        for (int round = 0; round < KILLS; round++) {
            try (AgentProcess agent = AgentProcess.serveConfigured(dir, "kvm-hyperv", config,
                    "--store", "sim=" + file)) {
                assertAllPresent(agent, acknowledged);
                failedWhileDying += writeThenKill(agent, round, acknowledged);
            }
            assertFileHolds(file, acknowledged);
        }
        try (AgentProcess agent = AgentProcess.serveConfigured(dir, "kvm-hyperv", config, "--store", "sim=" + file)) {
            assertAllPresent(agent, acknowledged);
        }
        System.out.printf("kill -9: %d kills, %d writes acknowledged and all present after restart, %d writes"
                + " failed as the agent died%n", KILLS, acknowledged.size(), failedWhileDying);
    }

    /** Runs the writers until enough writes were acknowledged, kills the agent under them, returns the failures. */
    private static int writeThenKill(AgentProcess agent, int round, Map<String, String> acknowledged)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger acks = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        List<ManagedChannel> channels = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            ManagedChannel channel = agent.channel();
            channels.add(channel);
            String prefix = "data/r" + round + "w" + w + "/k";
            Thread writer = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String key = prefix + i;
                    String value = "value " + i + " " + "v".repeat(i % 200);
                    try {
                        PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                                .kvWrite(KvWriteRequest.newBuilder().setUnit(SIM).setKey(key)
                                        .setValue(ByteString.copyFromUtf8(value)).build());
                        acknowledged.put(key, value);
                        acks.incrementAndGet();
                    } catch (StatusRuntimeException e) {
                        // Unacknowledged: the agent may or may not have saved it; either is correct.
                        failures.incrementAndGet();
                        return;
                    }
                }
            }, "writer " + prefix);
            writer.start();
            writers.add(writer);
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acks.get() < ACKS_BEFORE_KILL && System.nanoTime() < waitUntil) {
            Thread.sleep(5);
        }
        assertThat(acks.get()).as("writes acknowledged before the kill").isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        agent.kill9();
        stop.set(true);
        for (Thread writer : writers) {
            writer.join();
        }
        channels.forEach(ManagedChannel::shutdownNow);
        return failures.get();
    }

    /** The file left by the killed agent loads on its own (a copy, so no lock is shared) with every acknowledged write. */
    private void assertFileHolds(Path file, Map<String, String> acknowledged) throws Exception {
        Path copy = Files.createDirectories(dir.resolve("copy")).resolve("sim.json");
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        try (SimStore store = SimStore.open(copy)) {
            for (Map.Entry<String, String> write : acknowledged.entrySet()) {
                assertThat(store.read(write.getKey()).bytes()).as(write.getKey()).asString()
                        .isEqualTo(write.getValue());
            }
        }
        Files.delete(copy);
        Files.deleteIfExists(copy.resolveSibling("sim.json.lock"));
    }

    private static void assertAllPresent(AgentProcess agent, Map<String, String> acknowledged) {
        ManagedChannel channel = agent.channel();
        try {
            var stub = PvBusGrpc.newBlockingStub(channel);
            for (Map.Entry<String, String> write : acknowledged.entrySet()) {
                String value = stub.withDeadlineAfter(20, TimeUnit.SECONDS).kvRead(KvReadRequest.newBuilder()
                        .setUnit(SIM).setKey(write.getKey()).build()).getValue().toStringUtf8();
                assertThat(value).as(write.getKey()).isEqualTo(write.getValue());
            }
        } finally {
            channel.shutdownNow();
        }
    }
}
