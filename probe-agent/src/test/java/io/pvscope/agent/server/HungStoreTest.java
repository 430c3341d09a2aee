package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pvscope.agent.ChildJvm;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.proto.v1.KvListRequest;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    private Process holder;

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
        holder = holdLock(dir.resolve("sim.json.lock"));
    }

    @AfterEach
    void stop() throws Exception {
        if (holder != null) {
            holder.getOutputStream().close();
            holder.waitFor(10, TimeUnit.SECONDS);
            holder.destroyForcibly();
        }
        agent.close();
    }

    private static Process holdLock(Path lockFile) throws Exception {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                ChildJvm.NO_PERF_DATA, source().toString(), lockFile.toString()).redirectErrorStream(true).start();
        String first = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(first).as("the lock holder's first line").isEqualTo("locked");
        return process;
    }

    private static Path source() throws URISyntaxException {
        return Path.of(HungStoreTest.class.getResource("/lock-holder/LockHolder.java").toURI());
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
        holder.getOutputStream().close();
        assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        holder = null;

        assertThat(agent.blocking().kvList(KvListRequest.newBuilder().setUnit(0).setKey("device").build()).next()
                .getEntriesCount()).isPositive();
        try (WatchEvents events = new WatchEvents(agent.async(),
                WatchRequest.newBuilder().setUnit(0).addPrefixes("device").build())) {
            assertThat(events.until(WatchEvent::hasSync)).isNotNull();
        }
    }
}
