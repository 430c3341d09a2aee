package io.pvscope.agent.cli;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.pvscope.proto.v1.PvBusGrpc;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/** {@code -H host:port}: the agent a client command talks to. */
final class AgentConnection {

    @Option(names = "-H", paramLabel = "host:port", defaultValue = "127.0.0.1:7393",
            description = "The agent to ask (default: ${DEFAULT-VALUE}).")
    private String target;

    @Option(names = {"-u", "--unit"}, paramLabel = "N", defaultValue = "0",
            description = "The unit, N of /dev/pvbusN (default: ${DEFAULT-VALUE}).")
    int unit;

    String target() {
        return target;
    }

    ManagedChannel open() {
        return NettyChannelBuilder.forAddress(ListenAddress.parse(target)).usePlaintext().build();
    }

    static PvBusGrpc.PvBusBlockingStub blocking(ManagedChannel channel) {
        return PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }
}
