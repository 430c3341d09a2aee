package io.pvscope.agent.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.rpc.ErrorInfo;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.proto.v1.KvListRequest;
import io.pvscope.proto.v1.KvListResponse;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input table of docs/reliability.md, one test per row, on a real agent over loopback. Each bad
 * request must end with a named error (a status code and, from the agent, an ErrorInfo reason: an errno
 * name or LIMIT_EXCEEDED), while a well-behaved client on its own connection keeps being served: it reads
 * without a single failure before, during and after the bad input.
 */
class BadInputTest {

    /** kvm-hyperv: units 0 (KVM) and 1 (Hyper-V) have no store; 2 is the simulated store. */
    private static final int SIM = 2;
    /** More keys than the largest page, so that the page size limit shows. */
    private static final int MANY = KvRpcs.MAX_PAGE_SIZE + 7;

    @TempDir
    Path dir;

    private RunningAgent agent;
    private WellBehavedClient other;

    @BeforeEach
    void start() throws Exception {
        writeStoreWithManyKeys(dir.resolve("sim.json"));
        AgentLimits limits = new AgentLimits(1024, 64 * 1024, 4 * 1024 * 1024, 64, Duration.ofSeconds(5),
                200_000, Duration.ofSeconds(1), Duration.ofMillis(100), 64, 16, 16, 100_000, 100_000);
        agent = new RunningAgent(FakeRoots.root("kvm-hyperv"), List.of(SimStore.open(dir.resolve("sim.json"))),
                WritePolicy.of(List.of("sim:data/")), limits, true);
        other = new WellBehavedClient(agent);
    }

    @AfterEach
    void stop() throws Exception {
        if (other != null) {
            other.close();
        }
        agent.close();
    }

    /** The store file as SimStore writes it, holding many/0..many/N and data/known. */
    private static void writeStoreWithManyKeys(Path file) throws Exception {
        StringBuilder json = new StringBuilder("{\"format\":\"pvscope-sim/1\",\"simulated\":true,\"nodes\":{");
        json.append("\"data\":\"\",\"data/known\":\"").append(Base64.getEncoder().encodeToString("v".getBytes(UTF_8)))
                .append("\",\"many\":\"\"");
        for (int i = 0; i < MANY; i++) {
            json.append(",\"many/k").append(i).append("\":\"MQ==\"");
        }
        Files.writeString(file, json.append("}}").toString());
    }

    private static String reason(StatusRuntimeException e) {
        return StatusProto.fromThrowable(e).getDetailsList().stream().filter(a -> a.is(ErrorInfo.class))
                .map(a -> {
                    try {
                        return a.unpack(ErrorInfo.class).getReason();
                    } catch (Exception x) {
                        throw new AssertionError(x);
                    }
                }).findFirst().orElse("(no ErrorInfo)");
    }

    /** Runs the bad call while the other client reads, and returns "CODE REASON" of its failure. */
    private String refusal(Runnable bad) throws Exception {
        return other.around(() -> {
            try {
                bad.run();
                return "OK";
            } catch (StatusRuntimeException e) {
                return e.getStatus().getCode() + " " + reason(e);
            }
        });
    }

    private PvBusGrpc.PvBusBlockingStub stub() {
        return agent.blocking();
    }

    @Test
    void emptyWriteRequest() throws Exception {
        assertThat(refusal(() -> stub().kvWrite(KvWriteRequest.newBuilder().setUnit(SIM).build())))
                .isEqualTo("INVALID_ARGUMENT EINVAL");
        assertAudited("\"audit\":\"write\"", "EINVAL: empty key");
    }

    @Test
    void emptyRequestNamesNoUnitWithAStore() throws Exception {
        // unit 0 is KVM, which has no key/value store
        assertThat(refusal(() -> stub().kvRead(KvReadRequest.getDefaultInstance())))
                .isEqualTo("FAILED_PRECONDITION ENXIO");
    }

    @Test
    void hugeKey() throws Exception {
        assertThat(refusal(() -> stub().kvRead(KvReadRequest.newBuilder().setUnit(SIM)
                .setKey("data/" + "k".repeat(5000)).build()))).isEqualTo("OUT_OF_RANGE LIMIT_EXCEEDED");
        assertAudited("\"audit\":\"read\"", "key is 5005 bytes", "… (5005 bytes)");
        assertThat(agent.auditLines()).doesNotContain("k".repeat(300));
    }

    @Test
    void hugeValue() throws Exception {
        assertThat(refusal(() -> stub().kvWrite(KvWriteRequest.newBuilder().setUnit(SIM).setKey("data/big")
                .setValue(ByteString.copyFrom(new byte[70_000])).build()))).isEqualTo("OUT_OF_RANGE LIMIT_EXCEEDED");
        assertAudited("\"audit\":\"write\"", "\"key\":\"data/big\"", "value is 70000 bytes");
    }

    /** One audit line says the request was refused, with what it names. */
    private void assertAudited(String... parts) {
        assertThat(agent.auditLines().lines().filter(line -> line.contains("\"outcome\":\"refused\""))
                .filter(line -> java.util.Arrays.stream(parts).allMatch(line::contains)).count())
                .as(agent.auditLines()).isEqualTo(1);
    }

    @Test
    void keyThatIsNotUtf8() throws Exception {
        // KvReadRequest{unit: 2, key: bytes 'd' 0xff 0xfe}: proto3 strings must be UTF-8.
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(raw);
        out.writeInt32(1, SIM);
        out.writeByteArray(2, new byte[] {'d', (byte) 0xff, (byte) 0xfe});
        out.flush();

        String status = other.around(() -> {
            Status s = RawCalls.call(agent.channel, PvBusGrpc.getKvReadMethod(), raw.toByteArray());
            return s.getCode() + " " + s.getDescription();
        });

        assertThat(status).startsWith("INVALID_ARGUMENT").contains("UTF-8");
    }

    @Test
    void keyWithNul() throws Exception {
        assertThat(refusal(() -> stub().kvRead(KvReadRequest.newBuilder().setUnit(SIM).setKey("data/a\0b").build())))
                .isEqualTo("INVALID_ARGUMENT EINVAL");
        assertAudited("\"audit\":\"read\"", "EINVAL: key contains a NUL byte");
    }

    @Test
    void keyThatClimbsOutOfTheTree() throws Exception {
        assertThat(refusal(() -> stub().kvRead(KvReadRequest.newBuilder().setUnit(SIM).setKey("data/../../etc/passwd")
                .build()))).isEqualTo("INVALID_ARGUMENT EINVAL");
        assertThat(refusal(() -> stub().kvWrite(KvWriteRequest.newBuilder().setUnit(SIM).setKey("data/../x")
                .setValue(ByteString.copyFromUtf8("1")).build()))).isEqualTo("INVALID_ARGUMENT EINVAL");
    }

    @Test
    void absoluteKeyIsTheSameNodeAsTheRelativeOne() throws Exception {
        assertThat(refusal(() -> stub().kvRead(KvReadRequest.newBuilder().setUnit(SIM).setKey("/data/known").build())))
                .isEqualTo("OK");
        // Outside the write grant whether or not it is spelled with a leading '/'.
        assertThat(refusal(() -> stub().kvWrite(KvWriteRequest.newBuilder().setUnit(SIM).setKey("/many/k1")
                .setValue(ByteString.copyFromUtf8("1")).build()))).isEqualTo("PERMISSION_DENIED EACCES");
    }

    @Test
    void keyWithCharactersOutsideTheStoresSyntax() throws Exception {
        for (String key : List.of("data/ü", "data/a b", "data/tab\t", "data/\u202e", "data/*")) {
            assertThat(refusal(() -> stub().kvRead(KvReadRequest.newBuilder().setUnit(SIM).setKey(key).build())))
                    .as(key).isEqualTo("INVALID_ARGUMENT EINVAL");
        }
    }

    @Test
    void unknownUnit() throws Exception {
        for (int unit : new int[] {99, -1, Integer.MAX_VALUE}) {
            assertThat(refusal(() -> stub().kvRead(KvReadRequest.newBuilder().setUnit(unit).setKey("data/known")
                    .build()))).as("unit %d", unit).isEqualTo("FAILED_PRECONDITION ENXIO");
        }
    }

    @Test
    void hugeOrNegativePageSizeIsCappedAtTheLargestPage() throws Exception {
        // page_size is uint32: a client's -1 arrives as 4294967295.
        for (int pageSize : new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1_000_000}) {
            List<Integer> pages = new ArrayList<>();
            String outcome = other.around(() -> {
                stub().kvList(KvListRequest.newBuilder().setUnit(SIM).setKey("many").setPageSize(pageSize).build())
                        .forEachRemaining(page -> pages.add(page.getEntriesCount()));
                return "OK";
            });
            assertThat(outcome).isEqualTo("OK");
            assertThat(pages).as("page_size %d", pageSize).containsExactly(KvRpcs.MAX_PAGE_SIZE, MANY - KvRpcs.MAX_PAGE_SIZE);
        }
    }

    @Test
    void pageTokenThatTheAgentDidNotIssue() throws Exception {
        assertThat(refusal(() -> stub().kvList(KvListRequest.newBuilder().setUnit(SIM).setKey("many")
                .setPageToken("%%% not base64").build()).hasNext())).isEqualTo("INVALID_ARGUMENT EINVAL");
    }

    @Test
    void pollIntervalOutOfAnyRange() throws Exception {
        for (long seconds : new long[] {-5, Long.MAX_VALUE, 315_576_000_001L}) {
            assertThat(refusal(() -> stub().watch(WatchRequest.newBuilder().setUnit(SIM).addPrefixes("data")
                    .setPollInterval(com.google.protobuf.Duration.newBuilder().setSeconds(seconds)).build()).next()))
                    .as("%d s", seconds).isEqualTo("INVALID_ARGUMENT EINVAL");
        }
    }

    @Test
    void oversizedMessage() throws Exception {
        // Above max_message_bytes (4 MiB): gRPC refuses it before the agent decodes it.
        String outcome = refusal(() -> stub().kvWrite(KvWriteRequest.newBuilder().setUnit(SIM).setKey("data/x")
                .setValue(ByteString.copyFrom(new byte[5 << 20])).build()));
        assertThat(outcome).startsWith("RESOURCE_EXHAUSTED");
    }

    @Test
    void garbageInsteadOfHttp2() throws Exception {
        String outcome = other.around(() -> {
            try (Socket socket = new Socket(agent.server.address().getAddress(), agent.server.address().getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write("GET / HTTP/1.0\r\n\r\n\0\0\0garbage".getBytes(UTF_8));
                out.flush();
                // The agent answers (an HTTP/2 GOAWAY or an error) and closes: read to the end.
                return socket.getInputStream().readAllBytes().length > 0 ? "closed after an answer" : "closed";
            }
        });
        assertThat(outcome).startsWith("closed");
    }

    /** A client that starts a Watch and never reads: the agent stops sending, keeps the latest per key. */
    @Test
    void watcherThatNeverReads() throws Exception {
        ManagedChannel lazy = NettyChannelBuilder.forAddress(agent.server.address()).usePlaintext()
                .flowControlWindow(65_535).build();
        try {
            ClientCall<WatchRequest, WatchEvent> call = lazy.newCall(PvBusGrpc.getWatchMethod(), CallOptions.DEFAULT);
            call.start(new ClientCall.Listener<>() {
            }, new Metadata());
            call.sendMessage(WatchRequest.newBuilder().setUnit(SIM).addPrefixes("data").build());
            call.halfClose();
            // No call.request(n): nothing is ever read.
            String outcome = other.around(() -> {
                for (int i = 0; i < 300; i++) {
                    stub().kvWrite(KvWriteRequest.newBuilder().setUnit(SIM).setKey("data/churn")
                            .setValue(ByteString.copyFrom(new byte[4096 + i])).build());
                }
                return "300 writes acknowledged";
            });
            assertThat(outcome).isEqualTo("300 writes acknowledged");
            call.cancel("done", null);
        } finally {
            lazy.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A client that reads its Watch slowly gets every key's latest value, not every intermediate one. */
    @Test
    void slowWatcherSeesTheLatestValue() throws Exception {
        Iterator<WatchEvent> events = PvBusGrpc.newBlockingStub(agent.channel)
                .watch(WatchRequest.newBuilder().setUnit(SIM).addPrefixes("data").build());
        while (!events.next().hasSync()) {
            // the snapshot
        }
        String outcome = other.around(() -> {
            for (int i = 0; i <= 200; i++) {
                stub().kvWrite(KvWriteRequest.newBuilder().setUnit(SIM).setKey("data/slow")
                        .setValue(ByteString.copyFromUtf8(Integer.toString(i))).build());
            }
            return "written";
        });
        assertThat(outcome).isEqualTo("written");
        int seen = 0;
        WatchEvent event;
        do {
            event = events.next();
            seen++;
        } while (!(event.hasUpdate() && event.getUpdate().getValue().toStringUtf8().equals("200")));
        assertThat(seen).isLessThanOrEqualTo(201);
    }

    /**
     * Watches whose clients vanish (the connection drops, no cancel) must give their places back: more are
     * abandoned here than the agent admits at once (max_watchers 16), and each new one is still admitted.
     */
    @Test
    void abandonedWatchesGiveTheirPlacesBack() throws Exception {
        String outcome = other.around(() -> {
            for (int i = 0; i < 40; i++) {
                ManagedChannel gone = NettyChannelBuilder.forAddress(agent.server.address()).usePlaintext().build();
                Iterator<WatchEvent> events = admitted(gone);
                assertThat(events.next().hasStarted()).isTrue();
                gone.shutdownNow();
            }
            return "40 abandoned";
        });
        assertThat(outcome).isEqualTo("40 abandoned");
    }

    /** A new watch; while abandoned ones are still being noticed, it may be refused (then asked again). */
    private static Iterator<WatchEvent> admitted(ManagedChannel channel) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Iterator<WatchEvent> events = PvBusGrpc.newBlockingStub(channel)
                    .watch(WatchRequest.newBuilder().setUnit(SIM).addPrefixes("data").build());
            try {
                events.hasNext();
                return events;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.RESOURCE_EXHAUSTED || attempt == 200) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /** Unary calls abandoned mid-flight (the client gives up at once) leave nothing behind either. */
    @Test
    void abandonedCalls() throws Exception {
        String outcome = other.around(() -> {
            for (int i = 0; i < 200; i++) {
                try {
                    stub().withDeadlineAfter(1, TimeUnit.MICROSECONDS).kvList(KvListRequest.newBuilder()
                            .setUnit(SIM).setKey("many").setWithValues(true).build()).hasNext();
                } catch (StatusRuntimeException e) {
                    assertThat(e.getStatus().getCode()).isIn(Status.Code.DEADLINE_EXCEEDED, Status.Code.CANCELLED);
                }
            }
            // 200 abandoned calls, and the caller's own limits (64 calls, 16 streams) are all free again.
            List<KvListResponse> pages = new ArrayList<>();
            stub().kvList(KvListRequest.newBuilder().setUnit(SIM).setKey("many").build()).forEachRemaining(pages::add);
            return pages.size() + " pages";
        });
        assertThat(outcome).isEqualTo((MANY + KvRpcs.DEFAULT_PAGE_SIZE - 1) / KvRpcs.DEFAULT_PAGE_SIZE + " pages");
    }

    /**
     * Reads a known key over and over on its own connection while a bad input is tried, and fails the test if
     * a single read failed; at least one read must happen while the bad input is under way.
     */
    static final class WellBehavedClient implements AutoCloseable {
        private final ManagedChannel channel;
        private final PvBusGrpc.PvBusBlockingStub stub;

        WellBehavedClient(RunningAgent agent) {
            channel = NettyChannelBuilder.forAddress(agent.server.address()).usePlaintext().build();
            stub = PvBusGrpc.newBlockingStub(channel);
        }

        interface Bad {
            String run() throws Exception;
        }

        String around(Bad bad) throws Exception {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger reads = new AtomicInteger();
            AtomicInteger readsDuring = new AtomicInteger();
            AtomicBoolean during = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch first = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        String value = stub.withDeadlineAfter(20, TimeUnit.SECONDS).kvRead(KvReadRequest.newBuilder()
                                .setUnit(SIM).setKey("data/known").build()).getValue().toStringUtf8();
                        if (!value.equals("v")) {
                            throw new AssertionError("read '" + value + "'");
                        }
                        reads.incrementAndGet();
                        if (during.get()) {
                            readsDuring.incrementAndGet();
                        }
                        first.countDown();
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                        first.countDown();
                        return;
                    }
                }
            }, "well-behaved client");
            reader.start();
            first.await(20, TimeUnit.SECONDS);
            String outcome;
            during.set(true);
            try {
                outcome = bad.run();
                // Served during the bad input: wait for one more read that started after it ended too.
                int now = reads.get();
                while (reads.get() < now + 2 && failure.get() == null && reader.isAlive()) {
                    Thread.sleep(1);
                }
            } finally {
                during.set(false);
                stop.set(true);
                reader.join(30_000);
            }
            assertThat(failure.get()).as("the well-behaved client's reads").isNull();
            assertThat(readsDuring.get()).as("reads served while the bad input was tried").isPositive();
            return outcome;
        }

        @Override
        public void close() throws InterruptedException {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
