package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.proto.v1.KvListRequest;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that stops answering: another process changed the simulated store and holds its lock file
 * exclusively, so every read waits for it to reload the tree. Lists and watch snapshots end at the backend deadline like unary calls do, instead of
 * holding a gRPC thread for as long as the lock is held.
 */
class HungStoreTest {

    private static final Duration BACKEND_DEADLINE = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private RunningAgent agent;
    private HeldLock holder;

    @BeforeEach
    void start() throws Exception {
        AgentLimits limits = RunningAgent.withBackendDeadline(BACKEND_DEADLINE);
        Path file = dir.resolve("sim.json");
        agent = new RunningAgent(FakeRoots.root("no-hypervisor"), List.of(SimStore.open(file)),
                WritePolicy.of(List.of()), limits, true);
        // Another process changes the store, so the agent's tree is stale and must be reloaded under the lock.
        try (SimStore otherProcess = SimStore.open(file)) {
            otherProcess.write("device/changed", new byte[] {'1'});
        }
        holder = HeldLock.on(dir.resolve("sim.json.lock"));
    }

    @AfterEach
    void stop() throws Exception {
        if (holder != null) {
            holder.close();
        }
        agent.close();
    }

    @Test
    void aListOfAHungStoreEndsAtTheBackendDeadline() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () ->
                agent.blocking().kvList(KvListRequest.newBuilder().setUnit(0).setKey("device").build())
                        .forEachRemaining(page -> { }));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(error.getStatus().getDescription()).contains("backend_deadline");
    }

    @Test
    void aReadOfAHungStoreEndsAtTheBackendDeadline() {
        // The tree is stale, so the read is not at hand: it waits for the lock on a backend thread.
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () ->
                agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(0).setKey("device/changed").build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(error.getStatus().getDescription()).contains("backend_deadline");
    }

    @Test
    void aWatchSnapshotOfAHungStoreEndsAtTheBackendDeadline() throws Exception {
        try (WatchEvents events = new WatchEvents(agent.async(),
                WatchRequest.newBuilder().setUnit(0).addPrefixes("device").build())) {
            assertThat(events.next().hasStarted()).isTrue();

            StatusRuntimeException error = events.failure();

            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(error.getStatus().getDescription()).contains("backend_deadline");
        }
    }

    @Test
    void theStoreAnswersAgainOnceTheLockIsReleased() throws Exception {
        assertThat(holder.release()).isTrue();
        holder = null;

        assertThat(agent.blocking().kvList(KvListRequest.newBuilder().setUnit(0).setKey("device").build()).next()
                .getEntriesCount()).isPositive();
        try (WatchEvents events = new WatchEvents(agent.async(),
                WatchRequest.newBuilder().setUnit(0).addPrefixes("device").build())) {
            assertThat(events.until(WatchEvent::hasSync)).isNotNull();
        }
    }
}
