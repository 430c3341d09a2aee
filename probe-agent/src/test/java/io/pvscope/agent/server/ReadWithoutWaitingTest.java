package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.agent.kv.xenstore.RealXenstored;
import io.pvscope.agent.kv.xenstore.XenStoreKvStore;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvReadResponse;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.testsupport.xenstore.Xenstored;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads a store can start without waiting (a simulated store whose tree is current, XenStore on an open
 * connection) are started where the call arrives, not on a backend thread: a store that hangs every backend
 * thread does not hold up another store's reads, and the reads' answers and refusals are those of the
 * backend path.
 */
class ReadWithoutWaitingTest {

    @TempDir
    Path dir;

    @Test
    void aCurrentSimulatedStoreIsReadWhileAHungStoreHoldsEveryBackendThread() throws Exception {
        assertReadWhileBackendHung(SimStore.open(dir.resolve("current.json")), "name", "pvscope-demo");
    }

    @Test
    void aXenStoreReadIsSentWhileAHungStoreHoldsEveryBackendThread() throws Exception {
        try (Xenstored xenstored = RealXenstored.start(Xenstored.Daemon.CXENSTORED, dir)) {
            XenStoreKvStore xenstore = new XenStoreKvStore(RealXenstored.endpoint(xenstored));
            xenstore.write("/name", "from xenstored".getBytes(StandardCharsets.UTF_8));
            assertReadWhileBackendHung(xenstore, "/name", "from xenstored");
        }
    }

    /** Unit 0 hangs every backend thread; a read of {@code current}, unit 1, is answered meanwhile. */
    private void assertReadWhileBackendHung(KvStore current, String key, String expected) throws Exception {
        Path hungFile = dir.resolve("hung.json");
        List<ListenableFuture<KvReadResponse>> hungReads = new ArrayList<>();
        try (RunningAgent agent = new RunningAgent(FakeRoots.root("no-hypervisor"),
                List.of(SimStore.open(hungFile), current), WritePolicy.of(List.of()), RunningAgent.generous(64),
                false)) {
            // Unit 0's tree goes stale and its lock stays taken: each read of it keeps a backend thread.
            try (SimStore otherProcess = SimStore.open(hungFile)) {
                otherProcess.write("device/changed", new byte[] {'1'});
            }
            try (HeldLock held = HeldLock.on(dir.resolve("hung.json.lock"))) {
                for (int i = 0; i < BackendCalls.MAX_THREADS + 8; i++) {
                    hungReads.add(read(agent, 0, "device/changed"));
                }
                awaitBackendThreads(agent, BackendCalls.MAX_THREADS);

                KvReadResponse answer = agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(1)
                        .setKey(key).build());

                assertThat(answer.getValue().toString(StandardCharsets.UTF_8)).isEqualTo(expected);
                assertThat(hungReads).as("unit 0's reads, still waiting for its lock").noneMatch(Future::isDone);
            }
        }
    }

    @Test
    void answersAndRefusalsWithoutWaitingAreThoseOfTheBackendPath() throws Exception {
        try (RunningAgent agent = new RunningAgent(FakeRoots.root("no-hypervisor"),
                List.of(SimStore.open(dir.resolve("sim.json"))), WritePolicy.of(List.of()))) {
            KvReadResponse listing = agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(0).setKey("").build());
            assertThat(listing.getDirectory()).isTrue();
            assertThat(listing.getValue().toString(StandardCharsets.UTF_8)).contains("name");

            StatusRuntimeException missing = catchThrowableOfType(StatusRuntimeException.class, () ->
                    agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(0).setKey("no/such").build()));
            assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);

            StatusRuntimeException noUnit = catchThrowableOfType(StatusRuntimeException.class, () ->
                    agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(3).setKey("name").build()));
            assertThat(noUnit.getStatus().getDescription()).contains("ENXIO");
        }
    }

    private static ListenableFuture<KvReadResponse> read(RunningAgent agent, int unit, String key) {
        return PvBusGrpc.newFutureStub(agent.channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .kvRead(KvReadRequest.newBuilder().setUnit(unit).setKey(key).build());
    }

    /** Waits (without a time limit of its own: the build's timeout ends a hang) for the pool to have grown. */
    private static void awaitBackendThreads(RunningAgent agent, int threads) throws InterruptedException {
        while (agent.server.backendThreads() < threads) {
            Thread.sleep(10);
        }
    }
}
