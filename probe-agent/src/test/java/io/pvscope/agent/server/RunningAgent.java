package io.pvscope.agent.server;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.server.security.SecurityConfig;
import io.pvscope.proto.v1.PvBusGrpc;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A real agent server on a loopback port, and a channel to it. */
final class RunningAgent implements AutoCloseable {

    final AgentServer server;
    final ManagedChannel channel;
    private final ByteArrayOutputStream audit = new ByteArrayOutputStream();

    RunningAgent(SystemRoot root, List<KvStore> stores, WritePolicy writePolicy) throws Exception {
        this(root, stores, writePolicy, AgentLimits.DEFAULTS, true);
    }

    /** With other limits; {@code keepAudit} false drops the audit lines (long runs would pile them up). */
    RunningAgent(SystemRoot root, List<KvStore> stores, WritePolicy writePolicy, AgentLimits limits,
                 boolean keepAudit) throws Exception {
        this(root, stores, writePolicy, limits, keepAudit ? null : OutputStream.nullOutputStream());
    }

    /** With the audit lines written to {@code auditOut} (null: kept for {@link #auditLines()}). */
    RunningAgent(SystemRoot root, List<KvStore> stores, WritePolicy writePolicy, AgentLimits limits,
                 OutputStream auditOut) throws Exception {
        AgentBus bus = new AgentBus(new Detection(root, Clock.systemUTC()), stores);
        if (auditOut == null) {
            auditOut = audit;
        }
        // Plaintext on loopback: local callers read everything and write as the policy says.
        SecurityConfig flags = SecurityConfig.fromFlags(writePolicy, Optional.empty(), false);
        SecurityConfig config = new SecurityConfig(flags.access(), limits, flags.audit(), flags.connections());
        server = new AgentServer(List.of(Endpoint.plaintext(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                0))),
                bus, config, new PrintStream(auditOut, true, StandardCharsets.UTF_8), Clock.systemUTC()).start();
        channel = NettyChannelBuilder.forAddress(server.address()).usePlaintext().build();
    }

    /** The default limits with another backend deadline (a short one, for a test to wait out). */
    static AgentLimits withBackendDeadline(java.time.Duration deadline) {
        AgentLimits defaults = AgentLimits.DEFAULTS;
        return new AgentLimits(defaults.maxKeyBytes(), defaults.maxValueBytes(), defaults.maxMessageBytes(),
                defaults.maxConcurrentStreams(), deadline, defaults.maxWatchKeys(), defaults.defaultPollInterval(),
                defaults.minPollInterval(), defaults.maxCallsPerClient(), defaults.maxStreamsPerClient(),
                defaults.maxWatchers(), defaults.ratePerSecond(), defaults.rateBurst());
    }

    /** Limits high enough that a test's own load is never refused (the per-client rate above all). */
    static AgentLimits generous(int maxWatchers) {
        return new AgentLimits(1024, 64 * 1024, 4 * 1024 * 1024, 10_000, java.time.Duration.ofSeconds(5),
                200_000, java.time.Duration.ofSeconds(1), java.time.Duration.ofMillis(100), 100_000, 100_000,
                maxWatchers, 1e9, 1_000_000);
    }

    PvBusGrpc.PvBusBlockingStub blocking() {
        return PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    PvBusGrpc.PvBusStub async() {
        return PvBusGrpc.newStub(channel);
    }

    /** The audit lines so far, once the audit's writer has written them. */
    String auditLines() {
        if (!server.flushAudit(java.time.Duration.ofSeconds(10))) {
            throw new AssertionError("the audit lines were not written within 10 s");
        }
        return audit.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(1_000);
    }
}
