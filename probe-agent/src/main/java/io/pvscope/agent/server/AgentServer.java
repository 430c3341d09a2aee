package io.pvscope.agent.server;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.pvscope.agent.bus.AgentBus;
import io.pvscope.proto.v1.PvBusGrpc;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The agent's gRPC server: the PvBus service, the standard health service and server reflection. */
public final class AgentServer {

    private final Server server;
    private final AgentBus bus;
    private final HealthStatusManager health = new HealthStatusManager();
    private final ExecutorService watchWorkers = Executors.newFixedThreadPool(4, daemonThreads("pvscope-watch"));
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(daemonThreads("pvscope-poll"));

    public AgentServer(InetSocketAddress address, AgentBus bus, AgentLimits limits, WritePolicy writePolicy,
                       PrintStream auditStream, Clock clock) {
        this.bus = bus;
        PvBusService service = new PvBusService(bus, limits, writePolicy, new AuditLog(auditStream, clock),
                watchWorkers, scheduler, clock);
        this.server = NettyServerBuilder.forAddress(address)
                .maxInboundMessageSize(limits.maxMessageBytes())
                .maxConcurrentCallsPerConnection(limits.maxConcurrentStreams())
                .addService(ServerInterceptors.intercept(service, new PeerInterceptor()))
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
        scheduler.shutdownNow();
        watchWorkers.shutdownNow();
        bus.close();
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
