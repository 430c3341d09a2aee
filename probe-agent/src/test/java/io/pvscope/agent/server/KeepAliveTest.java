package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.client.AgentAddress;
import io.pvscope.client.AgentChannels;
import io.pvscope.client.ChannelSettings;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's keepalive policy against the client library's fastest pings. */
class KeepAliveTest {

    @TempDir
    Path dir;

    /**
     * gRPC servers send away clients that ping more often than they permit (by default every 5 minutes),
     * after two strikes: with the client pinging every 10 s, a stream would die within about 30 s.
     */
    @Test
    void aWatchOutlivesThreeKeepalivePingsAtTheClientsShortestInterval() throws Exception {
        try (RunningAgent agent = new RunningAgent(FakeRoots.root("no-hypervisor"),
                List.of(SimStore.open(dir.resolve("sim.json"))), WritePolicy.of(List.of("sim:")))) {
            ManagedChannel pinging = AgentChannels.open(AgentAddress.tcp("127.0.0.1", agent.server.address().getPort()),
                    ChannelSettings.plaintext().withKeepAlive(ChannelSettings.MIN_KEEPALIVE_TIME, Duration.ofSeconds(5)));
            try (WatchEvents events = new WatchEvents(PvBusGrpc.newStub(pinging),
                    WatchRequest.newBuilder().setUnit(0).addPrefixes("data").build())) {
                events.until(WatchEvent::hasSync);
                Thread.sleep(ChannelSettings.MIN_KEEPALIVE_TIME.multipliedBy(3).plusSeconds(5).toMillis());

                agent.blocking().kvWrite(KvWriteRequest.newBuilder().setUnit(0).setKey("data/after-pings")
                        .setValue(ByteString.copyFromUtf8("still here")).build());

                WatchEvent change = events.until(e -> e.hasUpdate()
                        && e.getUpdate().getKey().equals("data/after-pings"));
                assertThat(change.getUpdate().getValue().toStringUtf8()).isEqualTo("still here");
            } finally {
                pinging.shutdownNow();
            }
        }
    }
}
