package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.FaultMounts;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.proto.v1.BackendStatus;
import io.pvscope.proto.v1.GetAgentInfoRequest;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated store on a full disk and on a file system gone read-only, through a real agent: the write
 * is refused with a named errno and the reason from the OS, the old tree stays on disk and still parses,
 * reads keep being served, and writes work again once the fault is gone. A store on a file system that is
 * already read-only when the agent starts is opened for reading: it serves, and writes fail EROFS.
 */
class SimStoreDiskFaultTest {

    /** kvm-hyperv: units 0 and 1 have no store; 2 is the simulated store. */
    private static final int SIM = 2;

    @TempDir
    Path dir;

    private final FaultMounts mounts = new FaultMounts();
    private RunningAgent agent;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        mounts.close();
    }

    @Test
    void aFullDiskRefusesTheWriteAndKeepsTheTree() throws Exception {
        Path fs = dir.resolve("fs");
        mounts.tmpfs(fs, 256);
        start(fs);
        write("data/before", "kept");
        Path filler = FaultMounts.fill(fs);

        StatusRuntimeException refused = refusedWrite();
        System.out.println("full disk: " + refused.getStatus() + " reason " + reason(refused));
        assertThat(reason(refused)).isEqualTo("EIO");
        assertThat(refused.getStatus().getDescription()).contains("No space left on device");
        assertTreeKept(fs);

        Files.delete(filler);
        write("data/after", "written once there is room");
        assertThat(read("data/after")).isEqualTo("written once there is room");
    }

    @Test
    void aReadOnlyFileSystemRefusesTheWriteAndKeepsTheTree() throws Exception {
        Path fs = Files.createDirectories(dir.resolve("fs"));
        start(fs);
        write("data/before", "kept");
        mounts.readOnlyOver(fs);

        StatusRuntimeException refused = refusedWrite();
        System.out.println("read-only: " + refused.getStatus() + " reason " + reason(refused));
        assertThat(reason(refused)).isEqualTo("EIO");
        assertThat(refused.getStatus().getDescription()).contains("Read-only file system");
        assertTreeKept(fs);

        mounts.close();
        write("data/after", "written once writable");
        assertThat(read("data/after")).isEqualTo("written once writable");
    }

    @Test
    void aStoreAlreadyOnAReadOnlyFileSystemServesReadsAndRefusesWritesAsErofs() throws Exception {
        Path fs = Files.createDirectories(dir.resolve("fs"));
        try (SimStore store = SimStore.open(fs.resolve("sim.json"))) {
            store.write("data/before", "kept".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, byte[]> before = contents(fs);
        mounts.readOnlyOver(fs);

        try (AgentProcess process = AgentProcess.serveGuest(dir, "kvm-hyperv", "--store",
                "sim=" + fs.resolve("sim.json"),
                "--allow-write", "sim:data/")) {
            ManagedChannel channel = process.channel();
            try {
                PvBusGrpc.PvBusBlockingStub stub = PvBusGrpc.newBlockingStub(channel);
                assertThat(stub.kvRead(KvReadRequest.newBuilder().setUnit(SIM).setKey("data/before").build())
                        .getValue().toStringUtf8()).isEqualTo("kept");
                BackendStatus sim = stub.getAgentInfo(GetAgentInfoRequest.getDefaultInstance()).getBackendsList()
                        .stream().filter(b -> b.getUnit() == SIM).findFirst().orElseThrow();
                assertThat(sim.getAvailable()).isTrue();
                assertThat(sim.getReason()).endsWith("(read-only file system)");

                StatusRuntimeException refused = catchThrowableOfType(() -> stub.kvWrite(KvWriteRequest.newBuilder()
                        .setUnit(SIM).setKey("data/after").setValue(ByteString.copyFromUtf8("lost")).build()),
                        StatusRuntimeException.class);
                System.out.println("opened read-only: " + refused.getStatus() + " reason " + reason(refused));
                assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                assertThat(reason(refused)).isEqualTo("EROFS");
                assertThat(refused.getStatus().getDescription()).contains("Read-only file system");
                assertThat(catchThrowableOfType(() -> stub.kvRead(KvReadRequest.newBuilder().setUnit(SIM)
                        .setKey("data/after").build()), StatusRuntimeException.class).getStatus().getCode())
                        .isEqualTo(Status.Code.NOT_FOUND);
            } finally {
                channel.shutdownNow();
            }
        }
        assertThat(contents(fs)).as("nothing on the file system changed").containsOnlyKeys(before.keySet())
                .allSatisfy((name, bytes) -> assertThat(bytes).isEqualTo(before.get(name)));
    }

    @Test
    void aReadOnlyFileSystemWithoutTheStoreOrItsLockFile() throws Exception {
        Path fs = Files.createDirectories(dir.resolve("fs"));
        try (SimStore store = SimStore.open(fs.resolve("sim.json"))) {
            store.write("data/before", "kept".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.delete(fs.resolve("sim.json.lock"));
        mounts.readOnlyOver(fs);

        try (SimStore store = SimStore.open(fs.resolve("sim.json"))) {
            assertThat(store.read("data/before").bytes()).asString().isEqualTo("kept");
            assertThat(catchThrowableOfType(() -> store.delete("data/before"),
                    io.pvscope.agent.kv.StoreException.class).errno()).isEqualTo(io.pvscope.agent.kv.Errno.EROFS);
        }
        java.io.IOException missing = catchThrowableOfType(() -> SimStore.open(fs.resolve("other.json")),
                java.io.IOException.class);
        assertThat(missing).hasMessageContaining("other.json").hasMessageContaining("Read-only file system");
        try (Stream<Path> files = Files.list(fs)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sim.json");
        }
    }

    /** Every file in a folder, by name. */
    private static Map<String, byte[]> contents(Path folder) throws Exception {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private void start(Path fs) throws Exception {
        agent = new RunningAgent(FakeRoots.root("kvm-hyperv"), List.of(SimStore.open(fs.resolve("sim.json"))),
                WritePolicy.of(List.of("sim:data/")));
    }

    /** A value larger than anything left on the file system, so that the new tree cannot be written. */
    private StatusRuntimeException refusedWrite() {
        String big = "x".repeat(60_000);
        StatusRuntimeException refused = catchThrowableOfType(() -> write("data/after", big),
                StatusRuntimeException.class);
        assertThat(refused).as("the write is refused").isNotNull();
        assertThat(refused.getStatus().getCode()).isNotEqualTo(Status.Code.UNKNOWN);
        return refused;
    }

    /** The agent still serves the old tree, the file on disk parses on its own, and no temporary file is left. */
    private void assertTreeKept(Path fs) throws Exception {
        assertThat(read("data/before")).isEqualTo("kept");
        assertThat(catchThrowableOfType(() -> read("data/after"), StatusRuntimeException.class).getStatus()
                .getCode()).isEqualTo(Status.Code.NOT_FOUND);
        Path copy = Files.createDirectories(dir.resolve("copy")).resolve("sim.json");
        Files.copy(fs.resolve("sim.json"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (SimStore reopened = SimStore.open(copy)) {
            assertThat(reopened.read("data/before").bytes()).asString().isEqualTo("kept");
            assertThat(reopened.list("data")).contains("before").doesNotContain("after");
        }
        try (Stream<Path> files = Files.list(fs)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    private void write(String key, String value) {
        agent.blocking().kvWrite(KvWriteRequest.newBuilder().setUnit(SIM).setKey(key)
                .setValue(ByteString.copyFromUtf8(value)).build());
    }

    private String read(String key) {
        return agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(SIM).setKey(key).build())
                .getValue().toStringUtf8();
    }

    private static String reason(StatusRuntimeException e) {
        return StatusProto.fromThrowable(e).getDetailsList().stream().filter(a -> a.is(ErrorInfo.class))
                .map(a -> {
                    try {
                        return a.unpack(ErrorInfo.class).getReason();
                    } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                        throw new IllegalStateException(x);
                    }
                }).findFirst().orElse("");
    }
}
