package io.pvscope.agent.server;

import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.pvscope.proto.v1.PvBusGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The agent's gRPC server: the PvBus service, the standard health service and server reflection. */
public final class AgentServer {

    private final Server server;
    private final HealthStatusManager health = new HealthStatusManager();

    public AgentServer(InetSocketAddress address, PvBusService service, AgentLimits limits) {
        this.server = NettyServerBuilder.forAddress(address)
                .maxInboundMessageSize(limits.maxMessageBytes())
                .maxConcurrentCallsPerConnection(limits.maxConcurrentStreams())
                .addService(service)
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .build();
    }

    public AgentServer start() throws IOException {
        server.start();
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus(PvBusGrpc.SERVICE_NAME, ServingStatus.SERVING);
        return this;
    }

    /** The address actually bound (the port is chosen by the system when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getListenSockets().get(0);
    }

    /** Stops accepting calls, lets running ones finish for up to the grace period, then cancels the rest. */
    public void stop(long graceMillis) throws InterruptedException {
        health.enterTerminalState();
        server.shutdown();
        if (!server.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
            server.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
        }
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }
}
