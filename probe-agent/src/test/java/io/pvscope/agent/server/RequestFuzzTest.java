package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.kvp.KvpPoolStore;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.proto.v1.KvDeleteRequest;
import io.pvscope.proto.v1.KvListRequest;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.WatchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Requests as a hostile or broken client could send them, through a real server over loopback: any bytes
 * as any method's request, and well-formed requests with any field values. Each must end with a status a
 * client can act on (a named client error or OK), never INTERNAL or UNKNOWN, which would mean an exception
 * escaped the agent, and never a refusal by the limits (raised here so that they do not hide the rest).
 */
class RequestFuzzTest {

    /** kvm-hyperv: units 0 (KVM) and 1 (Hyper-V) have no store; 2 is the simulated store, 3 KVP files. */
    static final int SIM = 2;

    private static final Set<Status.Code> CLIENT_ERRORS = EnumSet.of(Status.Code.OK, Status.Code.INVALID_ARGUMENT,
            Status.Code.NOT_FOUND, Status.Code.OUT_OF_RANGE, Status.Code.PERMISSION_DENIED,
            Status.Code.FAILED_PRECONDITION, Status.Code.UNIMPLEMENTED, Status.Code.ALREADY_EXISTS);

    private static RunningAgent agent;
    private static int writes;

    /** One agent for the whole run: starting one per input would measure start-up, not decoding. */
    static synchronized RunningAgent agent() throws Exception {
        if (agent == null) {
            Path base = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
            Path dir = Files.createTempDirectory(base, "pvscope-fuzz");
            Files.createDirectories(dir.resolve("kvp"));
            AgentLimits generous = new AgentLimits(1024, 64 * 1024, 4 * 1024 * 1024, 1000, Duration.ofSeconds(5),
                    200_000, Duration.ofSeconds(1), Duration.ofMillis(100), 1000, 1000, 1000, 1e9, 1_000_000);
            agent = new RunningAgent(FakeRoots.root("kvm-hyperv"), List.of(SimStore.open(dir.resolve("sim.json")),
                    new KvpPoolStore(dir.resolve("kvp"))), WritePolicy.of(List.of("sim:fuzz/", "kvp:Guest/")),
                    generous, false);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    agent.close();
                } catch (Exception e) {
                    // The JVM is going away.
                }
            }));
        }
        return agent;
    }

    @FuzzTest
    void anyBytesAsAnyRequest(FuzzedDataProvider data) throws Exception {
        var method = RawCalls.METHODS.get(data.consumeInt(0, RawCalls.METHODS.size() - 1));
        byte[] request = data.consumeRemainingAsBytes();

        Status status = RawCalls.call(agent().channel, method, request);

        assertThat(status.getCode()).as("%s on %s", status, method.getBareMethodName()).isIn(CLIENT_ERRORS);
        cleanUpNow(method.getBareMethodName().equals("KvWrite"));
    }

    @FuzzTest
    void anyFieldValues(FuzzedDataProvider data) throws Exception {
        int unit = data.consumeBoolean() ? data.consumeInt(-1, 5) : data.consumeInt();
        int kind = data.consumeInt(0, 4);
        String key = data.consumeString(1500);
        byte[] request = switch (kind) {
            case 0 -> KvReadRequest.newBuilder().setUnit(unit).setKey(key).build().toByteArray();
            case 1 -> KvWriteRequest.newBuilder().setUnit(unit).setKey(key)
                    .setValue(ByteString.copyFrom(data.consumeBytes(70_000))).build().toByteArray();
            case 2 -> KvListRequest.newBuilder().setUnit(unit).setKey(key).setPrefix(data.consumeString(50))
                    .setPageSize(data.consumeInt()).setPageToken(data.consumeString(80))
                    .setWithValues(data.consumeBoolean()).build().toByteArray();
            case 3 -> KvDeleteRequest.newBuilder().setUnit(unit).setKey(key).build().toByteArray();
            default -> WatchRequest.newBuilder().setUnit(unit).addPrefixes(key).addPrefixes(data.consumeString(50))
                    .setPollInterval(com.google.protobuf.Duration.newBuilder().setSeconds(data.consumeLong())
                            .setNanos(data.consumeInt())).build().toByteArray();
        };
        var method = RawCalls.METHODS.get(new int[] {0, 1, 4, 2, 5}[kind]);

        Status status = RawCalls.call(agent().channel, method, request);

        assertThat(status.getCode()).as("%s on %s", status, method.getBareMethodName()).isIn(CLIENT_ERRORS);
        cleanUpNow(kind == 1);
    }

    /** Fuzzed writes land under sim:fuzz/; removing them now and then keeps the store file small. */
    private static void cleanUpNow(boolean wrote) throws Exception {
        if (wrote && ++writes % 200 == 0) {
            try {
                agent().blocking().kvDelete(KvDeleteRequest.newBuilder().setUnit(SIM).setKey("fuzz").build());
            } catch (io.grpc.StatusRuntimeException e) {
                // Nothing was written there.
            }
        }
    }
}
