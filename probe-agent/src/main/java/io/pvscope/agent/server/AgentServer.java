package io.pvscope.agent.server;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.pvscope.agent.server.connections.ConnectionGate;
import io.pvscope.agent.server.connections.DeadlineQueue;
import io.pvscope.agent.server.connections.TcpListeners;
import io.pvscope.agent.server.connections.PeerNames;
import io.pvscope.agent.server.connections.RequestDeadline;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.bus.DeviceSurvey;
import io.pvscope.agent.server.security.AuthInterceptor;
import io.pvscope.agent.server.security.CallLimiter;
import io.pvscope.agent.server.security.OpenStreams;
import io.pvscope.agent.server.security.SecurityConfig;
import io.pvscope.client.ChannelSettings;
import io.pvscope.proto.v1.PvBusGrpc;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The agent's gRPC server: the PvBus service, the standard health service and server reflection, on one or
 * more endpoints (TCP with or without TLS, a Unix socket). Every call but health checks is authenticated,
 * then limited per client; the clients, limits and audit file can be replaced while calls run.
 */
public final class AgentServer {

    private final List<Server> servers = new ArrayList<>();
    private final List<EventLoopGroup> eventLoops = new ArrayList<>();
    private final List<Path> sockets = new ArrayList<>();
    private final List<Endpoint> endpoints;
    private final AgentBus bus;
    private final AtomicReference<SecurityConfig> config;
    private final AuditLog audit;
    private final CallLimiter limiter;
    private final ConnectionGate gate;
    private final OpenStreams streams;
    private final PeerNames peerNames = new PeerNames(Path.of("/proc/net"));
    private final TcpListeners tcpListeners = new TcpListeners();
    private final DeviceSurvey devices;
    private final BackendCalls backend;
    private final PvBusService service;
    /**
     * Store walks of watches (snapshots, polls) in their own pool: a walk holds its session while it waits,
     * and the store's writers, running in {@link #backend}, wait for that session to take their change. In
     * one shared pool, 32 writers waiting for sessions that wait for a thread stopped the agent.
     */
    private final BackendCalls walks;
    private final HealthStatusManager health = new HealthStatusManager();
    private final CompletableFuture<Void> serving = new CompletableFuture<>();
    private final ExecutorService watchWorkers = Executors.newFixedThreadPool(4, daemonThreads("pvscope-watch"));
    /** Where every call runs but the reads that run where they arrive (ReadsWhereTheyArrive): as gRPC's default. */
    private final ExecutorService calls = Executors.newCachedThreadPool(daemonThreads("pvscope-call"));
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(daemonThreads("pvscope-poll"));
    /** Expires calls (request messages, backend work) apart from the polls, which may take their time. */
    private final ScheduledExecutorService deadlineTimer =
            Executors.newSingleThreadScheduledExecutor(daemonThreads("pvscope-deadline"));
    private final DeadlineQueue deadlines = new DeadlineQueue(deadlineTimer);

    public AgentServer(List<Endpoint> endpoints, AgentBus bus, SecurityConfig config, PrintStream auditStream,
                       Clock clock) throws IOException {
        this.endpoints = List.copyOf(endpoints);
        this.bus = bus;
        this.config = new AtomicReference<>(config);
        this.audit = new AuditLog(auditStream, clock);
        this.audit.configure(config.audit());
        this.streams = new OpenStreams(audit);
        this.limiter = new CallLimiter(() -> this.config.get().limits(), audit, System::nanoTime);
        this.backend = new BackendCalls(() -> this.config.get().limits(), "pvscope-backend", deadlines);
        this.walks = new BackendCalls(() -> this.config.get().limits(), "pvscope-walk", deadlines);
        this.devices = new DeviceSurvey(bus.detection().root(), clock);
        this.service = new PvBusService(bus, () -> this.config.get().limits(), audit, backend, walks,
                watchWorkers, scheduler, clock, devices);
        AgentLimits limits = config.limits();
        ConnectionLimits connections = config.connections();
        this.gate = new ConnectionGate(() -> this.config.get().connections(), auditStream, System::nanoTime);
        RequestDeadline requestDeadline = new RequestDeadline(() -> this.config.get().connections().requestTimeout(),
                new DeadlineQueue(deadlineTimer));
        // Every endpoint serves the same definitions, so that each method is bound once, at its first call.
        ServerServiceDefinition pvBus = ServiceBindings.pvBus(service);
        ServerServiceDefinition reflection = ServiceBindings.reflection();
        for (Endpoint endpoint : this.endpoints) {
            NettyServerBuilder builder = builderFor(endpoint);
            AuthInterceptor auth = new AuthInterceptor(() -> this.config.get().access(), endpoint.kind(), audit,
                    streams, peerNames);
            if (endpoint.tls().isPresent()) {
                builder.sslContext(endpoint.tls().get().context(audit));
            }
            servers.add(builder
                    .maxInboundMessageSize(limits.maxMessageBytes())
                    .maxInboundMetadataSize(16 * 1024)
                    .maxConcurrentCallsPerConnection(limits.maxConcurrentStreams())
                    // Clients ping to notice a stopped guest; pings more often than this get a GOAWAY.
                    .permitKeepAliveTime(ChannelSettings.MIN_KEEPALIVE_TIME.toMillis(), TimeUnit.MILLISECONDS)
                    .permitKeepAliveWithoutCalls(true)
                    .addTransportFilter(auth.connectionRecorder())
                    .directExecutor()
                    .callExecutor(new ReadsWhereTheyArrive(bus::detected, calls))
                    .handshakeTimeout(connections.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .maxConnectionIdle(connections.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    // Interceptors run last-added first: the request deadline, authentication, then the
                    // per-client limits.
                    .addService(ServerInterceptors.intercept(pvBus, limiter, auth, requestDeadline))
                    .addService(ServerInterceptors.intercept(reflection, limiter, auth, requestDeadline))
                    .addService(ServerInterceptors.intercept(health.getHealthService(), requestDeadline))
                    .build());
        }
    }

    private NettyServerBuilder builderFor(Endpoint endpoint) throws IOException {
        if (endpoint.tcp().isPresent()) {
            EventLoopGroup boss = tcpListeners.eventLoops(1, daemonThreads("pvscope-tcp-boss"));
            EventLoopGroup workers = tcpListeners.eventLoops(2 * Runtime.getRuntime().availableProcessors(),
                    daemonThreads("pvscope-tcp"));
            eventLoops.add(boss);
            eventLoops.add(workers);
            return NettyServerBuilder.forAddress(endpoint.tcp().get())
                    .channelFactory(tcpListeners.gated(gate, peerNames))
                    .bossEventLoopGroup(boss)
                    .workerEventLoopGroup(workers);
        }
        Path socket = endpoint.socket().orElseThrow();
        if (!Epoll.isAvailable()) {
            throw new IOException("cannot listen on " + socket + ": Unix sockets need Linux epoll here ("
                    + Epoll.unavailabilityCause() + ")");
        }
        removeStaleSocket(socket);
        EventLoopGroup boss = new EpollEventLoopGroup(1, daemonThreads("pvscope-uds-boss"));
        EventLoopGroup workers = new EpollEventLoopGroup(2, daemonThreads("pvscope-uds"));
        eventLoops.add(boss);
        eventLoops.add(workers);
        sockets.add(socket);
        return NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toFile()))
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers);
    }

    /** A socket file left by an agent that died is replaced; anything else at that path is not touched. */
    private static void removeStaleSocket(Path socket) throws IOException {
        if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            var attributes = Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isOther()) {
                throw new IOException(socket + " exists and is not a socket; not replacing it");
            }
            Files.delete(socket);
        }
    }

    /** The service behind the PvBus methods, for tests. */
    PvBusService service() {
        return service;
    }

    /** Threads the backend pool holds now, for tests. */
    int backendThreads() {
        return backend.threads();
    }

    /** Polls of stores without native watches running now, for tests. */
    int sharedPolls() {
        return service.sharedPolls();
    }

    /**
     * Binds every endpoint, then detects in the background: the port is open while detection runs (a slow
     * CPUID device or a hung file read cannot hold it back), health says NOT_SERVING until the first
     * detection is done, and calls that need it wait for it.
     */
    public AgentServer start() throws IOException {
        health.setStatus("", ServingStatus.NOT_SERVING);
        health.setStatus(PvBusGrpc.SERVICE_NAME, ServingStatus.NOT_SERVING);
        for (int i = 0; i < servers.size(); i++) {
            servers.get(i).start();
            Endpoint endpoint = endpoints.get(i);
            if (endpoint.socket().isPresent() && !endpoint.socketMode().isEmpty()) {
                Files.setPosixFilePermissions(endpoint.socket().get(), endpoint.socketMode());
            }
        }
        Thread first = new Thread(this::detectThenServe, "pvscope-first-detection");
        first.setDaemon(true);
        first.start();
        return this;
    }

    private void detectThenServe() {
        try {
            bus.current();
            // After stop() the health service is terminal and ignores these.
            health.setStatus("", ServingStatus.SERVING);
            health.setStatus(PvBusGrpc.SERVICE_NAME, ServingStatus.SERVING);
            serving.complete(null);
        } catch (RuntimeException e) {
            serving.completeExceptionally(e);
            throw e;
        }
    }

    /** Completes once the first detection is done and health says SERVING. */
    public CompletableFuture<Void> serving() {
        return serving;
    }

    /**
     * Replaces clients, grants, limits and the audit file. Unary calls in progress finish with the grant they
     * started with; streams whose client the new configuration would not let in with the same grant end.
     */
    public void reload(SecurityConfig next) throws IOException {
        audit.configure(next.audit());
        config.set(next);
        limiter.limitsChanged();
        streams.revalidate(next.access());
    }

    public SecurityConfig config() {
        return config.get();
    }

    /** The first TCP address actually bound (the port is chosen by the system when 0 was asked for). */
    public InetSocketAddress address() {
        for (int i = 0; i < servers.size(); i++) {
            if (endpoints.get(i).tcp().isPresent()) {
                return (InetSocketAddress) servers.get(i).getListenSockets().get(0);
            }
        }
        throw new IllegalStateException("no TCP endpoint");
    }

    /** The connections held and refused so far. */
    public ConnectionGate connections() {
        return gate;
    }

    public List<Path> sockets() {
        return List.copyOf(sockets);
    }

    /** Stops accepting calls, lets running ones finish for up to the grace period, then cancels the rest. */
    public void stop(long graceMillis) throws InterruptedException {
        health.enterTerminalState();
        servers.forEach(Server::shutdown);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        for (Server server : servers) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!server.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                server.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
            }
        }
        eventLoops.forEach(group -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS));
        calls.shutdownNow();
        for (Path socket : sockets) {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                // A stale socket is replaced at the next start.
            }
        }
        scheduler.shutdownNow();
        deadlineTimer.shutdownNow();
        watchWorkers.shutdownNow();
        backend.close();
        walks.close();
        devices.close();
        try {
            audit.close();
        } catch (IOException e) {
            // The lines are flushed as they are written.
        }
        bus.close();
    }

    /** Waits until every audit line so far is written, at most {@code limit}; false if one was not. */
    public boolean flushAudit(java.time.Duration limit) {
        return audit.flush(limit);
    }

    public void awaitTermination() throws InterruptedException {
        for (Server server : servers) {
            server.awaitTermination();
        }
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
