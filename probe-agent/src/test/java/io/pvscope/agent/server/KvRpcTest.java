package io.pvscope.agent.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.proto.v1.KvDeleteRequest;
import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.KvListRequest;
import io.pvscope.proto.v1.KvListResponse;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvTypeRequest;
import io.pvscope.proto.v1.KvTypeResponse;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.ListUnitsRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key/value RPCs on a real server with the simulated store as unit 2 (after KVM and Hyper-V). */
class KvRpcTest {

    private static final int SIM = 2;

    @TempDir
    Path dir;

    private RunningAgent agent;

    @BeforeEach
    void start() throws Exception {
        agent = new RunningAgent(FakeRoots.root("kvm-hyperv"), List.of(SimStore.open(dir.resolve("sim.json"))),
                WritePolicy.of(List.of("sim:data/")));
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    private String read(int unit, String key) {
        return agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(unit).setKey(key).build())
                .getValue().toStringUtf8();
    }

    private static void assertFails(ThrowingCallable call, Status.Code code, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            ErrorInfo info = StatusProto.fromThrowable(e).getDetailsList().stream()
                    .filter(any -> any.is(ErrorInfo.class))
                    .map(any -> {
                        try {
                            return any.unpack(ErrorInfo.class);
                        } catch (Exception x) {
                            throw new AssertionError(x);
                        }
                    }).findFirst().orElseThrow();
            assertThat(info.getReason()).isEqualTo(reason);
            assertThat(info.getDomain()).isEqualTo("pvscope.io");
        });
    }

    @Test
    void simulatedStoreIsAUnitAfterTheDetectedOnesAndSaysItIsSimulated() {
        var units = agent.blocking().listUnits(ListUnitsRequest.getDefaultInstance()).getUnitsList();
        assertThat(units).extracting(u -> u.getName() + "/" + u.getStore() + "/" + u.getFoundBy())
                .containsExactly("KVM//cpuid", "Hyper-V//cpuid", "sim/sim/simulated");

        KvTypeResponse type = agent.blocking().kvType(KvTypeRequest.newBuilder().setUnit(SIM).build());
        assertThat(type.getType()).isEqualTo("sim");
        assertThat(type.getSimulated()).isTrue();
    }

    @Test
    void readReturnsValuesAndDirectoryListings() {
        assertThat(read(SIM, "device/vif/0/mac")).isEqualTo("00:16:3e:5a:1c:07");
        var directory = agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(SIM).setKey("device").build());
        assertThat(directory.getValue().toStringUtf8()).isEqualTo("vbd\nvif");
        assertThat(directory.getDirectory()).isTrue();
    }

    @Test
    void errnoBecomesStatusWithErrorInfo() {
        assertFails(() -> read(SIM, "device/vif/7/mac"), Status.Code.NOT_FOUND, "ENOENT");
        assertFails(() -> read(0, "name"), Status.Code.FAILED_PRECONDITION, "ENXIO");
        assertFails(() -> read(9, "name"), Status.Code.FAILED_PRECONDITION, "ENXIO");
        assertFails(() -> read(SIM, "../escape"), Status.Code.INVALID_ARGUMENT, "EINVAL");
    }

    @Test
    void writeUnderAnAllowedPrefixIsReadBackAndAudited() {
        agent.blocking().kvWrite(KvWriteRequest.newBuilder().setUnit(SIM).setKey("data/note")
                .setValue(ByteString.copyFromUtf8("secret value")).build());

        assertThat(read(SIM, "data/note")).isEqualTo("secret value");
        assertThat(agent.auditLines()).contains("\"key\":\"data/note\"", "\"outcome\":\"ok\"",
                "\"valueLength\":12").doesNotContain("secret value");
    }

    @Test
    void writeOutsideTheAllowedPrefixesIsPermissionDeniedAndChangesNothing() {
        assertFails(() -> agent.blocking().kvWrite(KvWriteRequest.newBuilder().setUnit(SIM).setKey("name")
                .setValue(ByteString.copyFromUtf8("evil")).build()), Status.Code.PERMISSION_DENIED, "EACCES");

        assertThat(read(SIM, "name")).isEqualTo("pvscope-demo");
        assertThat(agent.auditLines()).contains("\"key\":\"name\"", "\"outcome\":\"refused\"");
    }

    @Test
    void deleteRemovesASubtreeWhereAllowedAndIsRefusedElsewhere() {
        agent.blocking().kvWrite(KvWriteRequest.newBuilder().setUnit(SIM).setKey("data/tmp/a")
                .setValue(ByteString.copyFromUtf8("1")).build());

        agent.blocking().kvDelete(KvDeleteRequest.newBuilder().setUnit(SIM).setKey("data/tmp").build());

        assertFails(() -> read(SIM, "data/tmp/a"), Status.Code.NOT_FOUND, "ENOENT");
        assertFails(() -> agent.blocking().kvDelete(KvDeleteRequest.newBuilder().setUnit(SIM).setKey("device").build()),
                Status.Code.PERMISSION_DENIED, "EACCES");
        assertThat(read(SIM, "device")).isEqualTo("vbd\nvif");
        assertThat(agent.auditLines()).contains("\"audit\":\"delete\"", "\"key\":\"data/tmp\"",
                "\"outcome\":\"refused\",\"unit\":2,\"key\":\"device\"");
    }

    @Test
    void limitsOnKeyAndValueSizeAreOutOfRangeAndNameTheLimit() {
        assertThatThrownBy(() -> read(SIM, "data/" + "k".repeat(1024)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
                    assertThat(e.getStatus().getDescription()).contains("max_key_bytes");
                });
        assertThatThrownBy(() -> agent.blocking().kvWrite(KvWriteRequest.newBuilder().setUnit(SIM)
                .setKey("data/big").setValue(ByteString.copyFrom(new byte[64 * 1024 + 1])).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
                    assertThat(e.getStatus().getDescription()).contains("max_value_bytes");
                });
        assertFails(() -> read(SIM, "bad\0key"), Status.Code.INVALID_ARGUMENT, "EINVAL");
    }

    @Test
    void listStreamsPagesThatResumeFromTheirToken() {
        List<KvListResponse> pages = new ArrayList<>();
        agent.blocking().kvList(KvListRequest.newBuilder().setUnit(SIM).setKey("device/vif/0").setPageSize(2)
                .setWithValues(true).build()).forEachRemaining(pages::add);

        assertThat(pages).extracting(KvListResponse::getEntriesCount).containsExactly(2, 2, 1);
        assertThat(pages.get(2).getNextPageToken()).isEmpty();
        assertThat(pages.stream().flatMap(p -> p.getEntriesList().stream()).map(KvEntry::getKey))
                .containsExactly("device/vif/0/backend", "device/vif/0/backend-id", "device/vif/0/handle",
                        "device/vif/0/mac", "device/vif/0/state");
        KvEntry mac = pages.get(1).getEntries(1);
        assertThat(mac.getValue().toString(UTF_8)).isEqualTo("00:16:3e:5a:1c:07");
        assertThat(mac.getAccess()).isEqualTo(KvEntry.Access.READ_ONLY);

        List<KvListResponse> resumed = new ArrayList<>();
        agent.blocking().kvList(KvListRequest.newBuilder().setUnit(SIM).setKey("device/vif/0").setPageSize(10)
                .setPageToken(pages.get(1).getNextPageToken()).build()).forEachRemaining(resumed::add);
        assertThat(resumed).singleElement().extracting(p -> p.getEntries(0).getKey()).isEqualTo("device/vif/0/state");
    }

    @Test
    void listFiltersByPrefixAndMarksWritableKeysAndDirectories() {
        List<KvEntry> root = new ArrayList<>();
        agent.blocking().kvList(KvListRequest.newBuilder().setUnit(SIM).setPrefix("d").build())
                .forEachRemaining(page -> root.addAll(page.getEntriesList()));

        assertThat(root).extracting(KvEntry::getKey).containsExactly("data", "device", "domid");
        assertThat(root.get(0).getHasChildren()).isTrue();
        assertThat(root.get(2).getHasChildren()).isFalse();

        List<KvEntry> data = new ArrayList<>();
        agent.blocking().kvList(KvListRequest.newBuilder().setUnit(SIM).setKey("data").build())
                .forEachRemaining(page -> data.addAll(page.getEntriesList()));
        assertThat(data).extracting(KvEntry::getAccess).containsOnly(KvEntry.Access.READ_WRITE);
    }
}
