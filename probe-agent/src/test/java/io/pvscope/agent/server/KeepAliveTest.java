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
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's keepalive policy: the client library's fastest pings are welcome, a peer pinging more often
 * is sent away with HTTP/2's ENHANCE_YOUR_CALM.
 */
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

    /**
     * A peer that pings in a loop (a broken or hostile client; grpc-java's own clamps its pings to every 10 s)
     * gets a GOAWAY with ENHANCE_YOUR_CALM and "too_many_pings" after two strikes, and its connection is
     * closed. Spoken in raw HTTP/2 frames, as no gRPC client library lets itself ping that often.
     */
    @Test
    void aPeerPingingTooOftenIsSentAwayWithEnhanceYourCalm() throws Exception {
        try (RunningAgent agent = new RunningAgent(FakeRoots.root("no-hypervisor"),
                List.of(SimStore.open(dir.resolve("sim.json"))), WritePolicy.of(List.of("sim:")));
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), agent.server.address().getPort())) {
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            frame(out, SETTINGS, 0, new byte[0]);
            for (int ping = 0; ping < 5; ping++) {
                frame(out, PING, 0, new byte[8]);
            }
            out.flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] goAway = null;
            while (goAway == null) {
                int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                in.readUnsignedByte();
                in.readInt();
                byte[] payload = in.readNBytes(length);
                if (type == GOAWAY) {
                    goAway = payload;
                }
            }
            ByteBuffer frame = ByteBuffer.wrap(goAway);
            frame.getInt();
            assertThat(frame.getInt()).as("HTTP/2 error code").isEqualTo(ENHANCE_YOUR_CALM);
            assertThat(new String(goAway, 8, goAway.length - 8, StandardCharsets.US_ASCII)).isEqualTo("too_many_pings");
            assertThat(in.read()).as("the agent closes the connection").isEqualTo(-1);
        }
    }

    private static final int SETTINGS = 0x4;
    private static final int PING = 0x6;
    private static final int GOAWAY = 0x7;
    private static final int ENHANCE_YOUR_CALM = 0xb;

    /** Writes one HTTP/2 frame on stream 0 (RFC 9113 section 4.1). */
    private static void frame(DataOutputStream out, int type, int flags, byte[] payload) throws IOException {
        out.writeByte(payload.length >>> 16);
        out.writeShort(payload.length & 0xffff);
        out.writeByte(type);
        out.writeByte(flags);
        out.writeInt(0);
        out.write(payload);
    }
}
