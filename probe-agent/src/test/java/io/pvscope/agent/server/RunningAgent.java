package io.pvscope.agent.server;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.detect.Detection;
import io.pvscope.agent.detect.SystemRoot;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.proto.v1.PvBusGrpc;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real agent server on a loopback port, and a channel to it. */
final class RunningAgent implements AutoCloseable {

    final AgentServer server;
    final ManagedChannel channel;
    private final ByteArrayOutputStream audit = new ByteArrayOutputStream();

    RunningAgent(SystemRoot root, List<KvStore> stores, WritePolicy writePolicy) throws Exception {
        AgentBus bus = new AgentBus(new Detection(root, Clock.systemUTC()), stores);
        server = new AgentServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), bus,
                AgentLimits.DEFAULTS, writePolicy, new PrintStream(audit, true, StandardCharsets.UTF_8),
                Clock.systemUTC()).start();
        channel = NettyChannelBuilder.forAddress(server.address()).usePlaintext().build();
    }

    PvBusGrpc.PvBusBlockingStub blocking() {
        return PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    PvBusGrpc.PvBusStub async() {
        return PvBusGrpc.newStub(channel);
    }

    String auditLines() {
        return audit.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(1_000);
    }
}
