package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.kvp.KvpPoolStore;
import io.pvscope.agent.kv.kvp.daemon.DaemonPrerequisites;
import io.pvscope.agent.kv.kvp.daemon.FakeHypervHost;
import io.pvscope.agent.kv.kvp.daemon.HostPool;
import io.pvscope.agent.kv.kvp.daemon.KvpDaemonProcess;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import io.pvscope.proto.v1.WatchStarted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watch streams on a polled store (Hyper-V KVP pools kept by the real hv_kvp_daemon) share their polls: the
 * streams of one client asking for the same prefixes and interval cost one walk of the pools per interval,
 * and each still gets every change and deletion.
 */
class SharedPollsRpcTest {

    private static final int STREAMS = 8;

    @TempDir
    Path dir;

    @Test
    void streamsOfOneClientOnTheSamePrefixShareOneWalkPerInterval() throws Exception {
        DaemonPrerequisites.assumeDaemonCanRun();
        try (KvpDaemonProcess daemon = KvpDaemonProcess.start(dir)) {
            CountingStore pools = new CountingStore(new KvpPoolStore(daemon.pools()));
            try (RunningAgent agent = new RunningAgent(FakeRoots.root("hyperv"), List.of(pools),
                    WritePolicy.of(List.of()), RunningAgent.generous(64), false)) {
                FakeHypervHost host = daemon.host();
                WatchRequest request = WatchRequest.newBuilder().setUnit(0).addPrefixes("External")
                        .setPollInterval(Duration.newBuilder().setSeconds(1)).build();
                List<WatchEvents> streams = new ArrayList<>();
                try {
                    for (int i = 0; i < STREAMS; i++) {
                        WatchEvents stream = new WatchEvents(agent.async(), request);
                        streams.add(stream);
                        assertThat(stream.next().getStarted().getMode()).isEqualTo(WatchStarted.Mode.POLLED);
                        stream.until(WatchEvent::hasSync);
                    }
                    assertPolls(agent, 1);

                    assertThat(host.set(HostPool.EXTERNAL, "DeploymentId", "d-42")).isTrue();
                    for (WatchEvents stream : streams) {
                        WatchEvent update = stream.until(e -> e.hasUpdate()
                                && e.getUpdate().getKey().equals("External/DeploymentId"));
                        assertThat(update.getUpdate().getValue().toStringUtf8()).isEqualTo("d-42");
                    }
                    // The key came after every snapshot: only polls read it, one walk a second for all the
                    // streams (a stream polling on its own would have read it once per stream).
                    assertThat(pools.reads("External/DeploymentId")).isLessThan(STREAMS / 2);

                    assertThat(host.delete(HostPool.EXTERNAL, "DeploymentId")).isTrue();
                    for (WatchEvents stream : streams) {
                        assertThat(stream.until(WatchEvent::hasDeleted).getDeleted().getKey())
                                .isEqualTo("External/DeploymentId");
                    }
                } finally {
                    for (WatchEvents stream : streams) {
                        stream.close();
                    }
                }
                awaitNoPolls(agent);
            }
        }
    }

    @Test
    void anotherIntervalOrPrefixIsAPollOfItsOwn() throws Exception {
        DaemonPrerequisites.assumeDaemonCanRun();
        try (KvpDaemonProcess daemon = KvpDaemonProcess.start(dir);
             RunningAgent agent = new RunningAgent(FakeRoots.root("hyperv"),
                     List.of(new KvpPoolStore(daemon.pools())), WritePolicy.of(List.of()))) {
            WatchRequest external = WatchRequest.newBuilder().setUnit(0).addPrefixes("External")
                    .setPollInterval(Duration.newBuilder().setSeconds(1)).build();
            try (WatchEvents first = new WatchEvents(agent.async(), external);
                 WatchEvents faster = new WatchEvents(agent.async(), external.toBuilder()
                         .setPollInterval(Duration.newBuilder().setNanos(500_000_000)).build());
                 WatchEvents guest = new WatchEvents(agent.async(), external.toBuilder().setPrefixes(0, "Guest")
                         .build())) {
                for (WatchEvents stream : List.of(first, faster, guest)) {
                    stream.until(WatchEvent::hasSync);
                }
                assertPolls(agent, 3);
            }
            awaitNoPolls(agent);
        }
    }

    /**
     * Asserts how many polls run once the streams are in: a stream joins its poll just after it sends its sync
     * marker, so the client may see the marker a moment before the agent counts the poll.
     */
    private static void assertPolls(RunningAgent agent, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (agent.server.sharedPolls() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(agent.server.sharedPolls()).isEqualTo(expected);
    }

    /** The last stream out stops its poll; a stream's end reaches the agent shortly after the client's. */
    private static void awaitNoPolls(RunningAgent agent) throws InterruptedException {
        while (agent.server.sharedPolls() > 0) {
            Thread.sleep(10);
        }
    }
}
