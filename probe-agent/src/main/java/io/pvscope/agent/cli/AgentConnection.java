package io.pvscope.agent.cli;

import io.grpc.ManagedChannel;
import io.pvscope.client.CallDeadline;
import io.pvscope.proto.v1.PvBusGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code -H host:port} (or {@code unix:/path}) and how to reach it: the agent a client command talks to. */
final class AgentConnection {

    @Option(names = "-H", paramLabel = "host:port", defaultValue = "127.0.0.1:7393",
            description = "The agent to ask: host:port or unix:/path (default: ${DEFAULT-VALUE}).")
    private String target;

    @Mixin
    private ClientTransport transport;

    @Option(names = {"-u", "--unit"}, paramLabel = "N", defaultValue = "0",
            description = "The unit, N of /dev/pvbusN (default: ${DEFAULT-VALUE}).")
    int unit;

    String target() {
        return target;
    }

    ManagedChannel open() {
        try {
            return transport.open(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stub whose calls end at the client deadline (10 s, or PVSCOPE_TIMEOUT seconds). */
    static PvBusGrpc.PvBusBlockingStub blocking(ManagedChannel channel) {
        return PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(
                CallDeadline.fromEnvironment(System.getenv()).toNanos(), TimeUnit.NANOSECONDS);
    }
}
