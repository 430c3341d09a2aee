package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import io.pvscope.proto.v1.WatchStarted;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchRpcTest {

    private static final int SIM = 0;

    @TempDir
    Path dir;

    private RunningAgent agent;
    private WatchEvents events;

    @BeforeEach
    void start() throws Exception {
        agent = new RunningAgent(FakeRoots.root("no-hypervisor"), List.of(SimStore.open(dir.resolve("sim.json"))),
                WritePolicy.of(List.of("sim:")));
    }

    @AfterEach
    void stop() throws Exception {
        if (events != null) {
            events.close();
        }
        agent.close();
    }

    private void watch(String... prefixes) {
        events = new WatchEvents(agent.async(), WatchRequest.newBuilder().setUnit(SIM)
                .addAllPrefixes(List.of(prefixes)).build());
    }

    private WatchEvent next() throws InterruptedException {
        return events.next();
    }

    private void write(String key, String value) {
        agent.blocking().kvWrite(KvWriteRequest.newBuilder().setUnit(SIM).setKey(key)
                .setValue(ByteString.copyFromUtf8(value)).build());
    }

    @Test
    void snapshotThenSyncThenChangesAsTheyHappen() throws Exception {
        watch("device/vif/0");

        assertThat(next().getStarted().getMode()).isEqualTo(WatchStarted.Mode.NATIVE);
        WatchEvent first = next();
        assertThat(first.getSnapshot().getKey()).isEqualTo("device/vif/0");
        assertThat(first.getSnapshot().getHasChildren()).isTrue();
        for (String key : List.of("backend", "backend-id", "handle", "mac", "state")) {
            assertThat(next().getSnapshot().getKey()).isEqualTo("device/vif/0/" + key);
        }
        assertThat(next().hasSync()).isTrue();

        write("device/vif/0/state", "5");
        WatchEvent update = next();
        assertThat(update.getUpdate().getKey()).isEqualTo("device/vif/0/state");
        assertThat(update.getUpdate().getValue().toStringUtf8()).isEqualTo("5");
        assertThat(update.hasTime()).isTrue();

        write("name", "outside the watched prefix");
        write("device/vif/0/mac", "00:16:3e:00:00:01");
        assertThat(next().getUpdate().getKey()).isEqualTo("device/vif/0/mac");
    }

    @Test
    void writingTheSameValueAgainSendsNothingNew() throws Exception {
        watch("memory");
        events.until(WatchEvent::hasSync);

        write("memory/target", "2097152");
        write("memory/target", "1048576");

        assertThat(next().getUpdate().getValue().toStringUtf8()).isEqualTo("1048576");
    }

    private void watchWithHeartbeat(Duration interval, String prefix) {
        events = new WatchEvents(agent.async(), WatchRequest.newBuilder().setUnit(SIM).addPrefixes(prefix)
                .setHeartbeatInterval(com.google.protobuf.Duration.newBuilder().setSeconds(interval.getSeconds())
                        .setNanos(interval.getNano())).build());
    }

    @Test
    void heartbeatsFillTheSilencesOfAQuietStoreAndChangesStillArrive() throws Exception {
        watchWithHeartbeat(Duration.ofMillis(200), "device/vif/0");

        WatchStarted started = next().getStarted();
        assertThat(started.getHeartbeatInterval().getNanos()).isEqualTo(200_000_000);
        events.until(WatchEvent::hasSync);
        for (int i = 0; i < 3; i++) {
            assertThat(next().getEventCase()).isEqualTo(WatchEvent.EventCase.HEARTBEAT);
        }
        write("device/vif/0/after-heartbeats", "x");
        assertThat(events.until(e -> !e.hasHeartbeat()).getUpdate().getKey())
                .isEqualTo("device/vif/0/after-heartbeats");
    }

    @Test
    void aHeartbeatIntervalBelowTheMinimumIsRaisedAndNoneMeansNoHeartbeats() throws Exception {
        watchWithHeartbeat(Duration.ofMillis(1), "device/vif/0");
        assertThat(next().getStarted().getHeartbeatInterval().getNanos()).isEqualTo(100_000_000);
        events.close();

        watch("device/vif/0");
        WatchStarted started = next().getStarted();
        assertThat(started.getHeartbeatInterval().getSeconds() + started.getHeartbeatInterval().getNanos())
                .isZero();
        events.until(WatchEvent::hasSync);
        assertThat(events.poll(Duration.ofSeconds(1))).as("no heartbeat asked for, none sent").isEmpty();
    }
}
