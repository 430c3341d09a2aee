package io.pvscope.agent.server.security;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.agent.server.AgentServer;
import io.pvscope.agent.server.Endpoint;
import io.grpc.stub.StreamObserver;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real agent on a loopback TLS port with a configuration file: client "ide" (token, reads everything,
 * writes sim:data/), "viewer" (token, reads sim:device/ only) and "CN=robot" (client certificate, writes
 * sim:data/robot/). The simulated store is unit 0. Channels to it are real TLS connections.
 */
final class SecureAgent implements AutoCloseable {

    static final String IDE_TOKEN = "ide-0123456789abcdef0123456789abcdef";
    static final String VIEWER_TOKEN = "viewer-0123456789abcdef0123456789ab";
    static final String ROBOT_SUBJECT = "CN=robot,O=PvScope tests";

    final Path dir;
    final TestPki.Issued ca;
    final TestPki.Issued server;
    final Path config;
    final AgentServer agent;
    private final ByteArrayOutputStream audit = new ByteArrayOutputStream();
    private final List<ManagedChannel> channels = new ArrayList<>();

    SecureAgent(Path dir, String extraYaml) throws Exception {
        this(dir, extraYaml, null);
    }

    /** With the given store as unit 0 instead of a fresh simulated one. */
    SecureAgent(Path dir, String extraYaml, KvStore store) throws Exception {
        this.dir = dir;
        ca = TestPki.authority(dir, "test-ca");
        server = TestPki.server(dir, ca);
        token("ide.token", IDE_TOKEN);
        token("viewer.token", VIEWER_TOKEN);
        config = dir.resolve("agent.yaml");
        writeConfig(extraYaml);
        AgentBus bus = new AgentBus(new Detection(FakeRoots.root("no-hypervisor"), Clock.systemUTC()),
                List.of(store != null ? store : SimStore.open(dir.resolve("sim.json"))));
        agent = new AgentServer(List.of(Endpoint.tls(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new ServerTls(server.certificatePem(), server.keyPem(), Optional.of(ca.certificatePem())))),
                bus, ConfigFile.load(config), new PrintStream(audit, true, StandardCharsets.UTF_8),
                Clock.systemUTC()).start();
    }

    void writeConfig(String extraYaml) throws Exception {
        Files.writeString(config, """
                clients:
                  - name: ide
                    token_file: ide.token
                    read: ["*"]
                    write: ["sim:data/"]
                  - name: viewer
                    token_file: viewer.token
                    read: ["sim:device/"]
                  - name: robot
                    subject: "%s"
                    read: ["sim:data/"]
                    write: ["sim:data/robot/"]
                """.formatted(ROBOT_SUBJECT) + extraYaml);
    }

    private void token(String name, String token) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, token + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** A TLS 1.3 channel that trusts the test CA, presenting the client certificate if one is given. */
    ManagedChannel tls(TestPki.Issued clientCertificate) throws Exception {
        SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(ca.certificatePem().toFile())
                .protocols("TLSv1.3");
        if (clientCertificate != null) {
            ssl.keyManager(clientCertificate.certificatePem().toFile(), clientCertificate.keyPem().toFile());
        }
        return track(NettyChannelBuilder.forAddress("localhost", agent.address().getPort())
                .sslContext(ssl.build()).build());
    }

    ManagedChannel plaintext() {
        return track(NettyChannelBuilder.forAddress(agent.address()).usePlaintext().build());
    }

    private ManagedChannel track(ManagedChannel channel) {
        channels.add(channel);
        return channel;
    }

    static PvBusGrpc.PvBusBlockingStub stub(ManagedChannel channel, String token) {
        PvBusGrpc.PvBusBlockingStub stub = PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
        return token == null ? stub : stub.withCallCredentials(bearer(token));
    }

    static CallCredentials bearer(String token) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + token);
                applier.apply(headers);
            }
        };
    }

    /** Starts a watch as this token and returns its events as they arrive. */
    BlockingQueue<Object> watch(String token, String... prefixes) throws Exception {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        PvBusGrpc.newStub(tls(null)).withCallCredentials(bearer(token)).watch(WatchRequest.newBuilder()
                .addAllPrefixes(List.of(prefixes)).build(), new StreamObserver<>() {
                    @Override
                    public void onNext(WatchEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void onError(Throwable t) {
                        events.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        events.add("completed");
                    }
                });
        return events;
    }

    /** The next event of a watch, failing if none comes within 10 s. */
    static Object next(BlockingQueue<Object> events) throws InterruptedException {
        Object event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no watch event within 10 s");
        }
        return event;
    }

    /** Reads events up to the sync marker: the watch is then registered and counted. */
    static void awaitSync(BlockingQueue<Object> events) throws InterruptedException {
        while (true) {
            Object event = next(events);
            if (event instanceof WatchEvent e && e.hasSync()) {
                return;
            }
            if (!(event instanceof WatchEvent)) {
                throw new AssertionError("watch ended before its sync marker: " + event);
            }
        }
    }

    /** The audit lines so far, once the audit's writer has written them. */
    String auditLines() {
        if (!agent.flushAudit(java.time.Duration.ofSeconds(10))) {
            throw new AssertionError("the audit lines were not written within 10 s");
        }
        return audit.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        agent.stop(1_000);
    }
}
