package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.agent.server.security.SecurityConfig;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvReadResponse;
import io.pvscope.proto.v1.PvBusGrpc;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls that start and never send their request, on a real agent server: each ends DEADLINE_EXCEEDED after
 * the request timeout, so that a local caller holding all of the client's call slots this way (it once made
 * every other local caller fail RESOURCE_EXHAUSTED for as long as it liked) frees them within seconds.
 */
class RequestDeadlineTest {

    /** Long enough to see the slots held on a loaded machine, short enough for a test. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private AgentServer server;
    private ManagedChannel channel;

    private void start() throws Exception {
        AgentBus bus = new AgentBus(new Detection(FakeRoots.root("no-hypervisor"), Clock.systemUTC()),
                List.of(SimStore.open(dir.resolve("sim.json"))));
        SecurityConfig flags = SecurityConfig.fromFlags(WritePolicy.none(), Optional.empty(), false);
        ConnectionLimits connections = new ConnectionLimits(1024, 64, Duration.ofSeconds(10), Duration.ofMinutes(5),
                REQUEST_TIMEOUT);
        server = new AgentServer(List.of(Endpoint.plaintext(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))),
                bus, new SecurityConfig(flags.access(), flags.limits(), flags.audit(), connections),
                new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC()).start();
        channel = NettyChannelBuilder.forAddress(server.address()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.stop(1_000);
        }
    }

    @Test
    void callsThatNeverSendTheirRequestEndAfterTheRequestTimeoutAndFreeTheClientsSlots() throws Exception {
        start();
        int slots = AgentLimits.DEFAULTS.maxCallsPerClient();
        List<CompletableFuture<Status>> halfOpen = new ArrayList<>();
        for (int i = 0; i <= slots; i++) {
            halfOpen.add(startWithoutRequest());
        }
        // grpc-java sends a unary call's headers with its request: a health check (outside the client's
        // limits) pushes the waiting headers out.
        HealthGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance());
        // One call more than the slots: it is refused at once, and then the others hold every slot.
        Status first = (Status) CompletableFuture.anyOf(halfOpen.toArray(CompletableFuture[]::new))
                .get(20, TimeUnit.SECONDS);
        assertThat(first.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(first.getDescription()).contains("max_calls_per_client");
        assertThatThrownBy(this::read).as("another call while the slots are held")
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getDescription()).contains("max_calls_per_client"));

        long start = System.nanoTime();
        List<Status> ended = new ArrayList<>();
        for (CompletableFuture<Status> call : halfOpen) {
            ended.add(call.get(20, TimeUnit.SECONDS));
        }
        assertThat(ended).filteredOn(status -> status.getCode() == Status.Code.DEADLINE_EXCEEDED).hasSize(slots)
                .allSatisfy(status -> assertThat(status.getDescription())
                        .contains("no request message within 3000 ms").contains("request_timeout"));
        System.out.printf("RequestDeadlineTest: %d half-open calls ended after %d ms%n", slots,
                (System.nanoTime() - start) / 1_000_000);
        assertThat(read().getValue().toStringUtf8()).isEqualTo("pvscope-demo");
    }

    @Test
    void aCallWhoseRequestArrivesInTimeIsNotEnded() throws Exception {
        start();
        Thread.sleep(REQUEST_TIMEOUT.toMillis() * 2);
        assertThat(read().getValue().toStringUtf8()).isEqualTo("pvscope-demo");
        // A watch runs far longer than the request timeout once its request has arrived.
        var events = PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .watch(io.pvscope.proto.v1.WatchRequest.newBuilder().build());
        events.next();
        Thread.sleep(REQUEST_TIMEOUT.toMillis() * 2);
        assertThat(events.hasNext()).isTrue();
    }

    private KvReadResponse read() {
        return PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .kvRead(KvReadRequest.newBuilder().setKey("name").build());
    }

    /** Starts a KvRead and never sends its request: the future completes with how the agent ended it. */
    private CompletableFuture<Status> startWithoutRequest() {
        CompletableFuture<Status> closed = new CompletableFuture<>();
        ClientCall<KvReadRequest, KvReadResponse> call = channel.newCall(PvBusGrpc.getKvReadMethod(), CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, new Metadata());
        call.request(1);
        return closed;
    }
}
