package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.pvscope.agent.AgentVersion;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.proto.v1.AgentInfo;
import io.pvscope.proto.v1.DeviceNode;
import io.pvscope.proto.v1.DeviceTree;
import io.pvscope.proto.v1.GetAgentInfoRequest;
import io.pvscope.proto.v1.GetDeviceTreeRequest;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.ListUnitsRequest;
import io.pvscope.proto.v1.ListUnitsResponse;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.Unit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent's server on a real loopback socket, called through real stubs. */
class AgentServerTest {

    private RunningAgent agent;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        agent = new RunningAgent(FakeRoots.root("kvm-hyperv"), List.of(), WritePolicy.none());
        channel = agent.channel;
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    @Test
    void listUnitsAnswersTheUnitsOfTheRoot() {
        ListUnitsResponse units = PvBusGrpc.newBlockingStub(channel).listUnits(ListUnitsRequest.getDefaultInstance());

        assertThat(units.getUnitsList()).extracting(Unit::getUnit, Unit::getName, Unit::getBase)
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple(0, "KVM", 0x40000100),
                        org.assertj.core.api.Assertions.tuple(1, "Hyper-V", 0x40000000));
        assertThat(units.getUnits(1).getVersion().getMajor()).isEqualTo(10);
        assertThat(units.getUnits(0).getEvidenceList()).isNotEmpty();
        assertThat(units.getPlatform().getVendor()).isEqualTo("QEMU");
    }

    @Test
    void agentInfoSaysWhoItIsAndThatItIsReadOnly() {
        AgentInfo info = PvBusGrpc.newBlockingStub(channel).getAgentInfo(GetAgentInfoRequest.getDefaultInstance());

        assertThat(info.getAgentVersion()).isEqualTo(AgentVersion.get()).isNotEqualTo("unknown");
        assertThat(info.getReadOnly()).isTrue();
        assertThat(info.getLimits().getMaxKeyBytes()).isEqualTo(1024);
        assertThat(info.getLimits().getMaxValueBytes()).isEqualTo(65536);
        assertThat(info.getRoot()).endsWith("kvm-hyperv");
    }

    @Test
    void deviceTreeHasBothUnitsUnderPvbus0() {
        DeviceTree tree = PvBusGrpc.newBlockingStub(channel).getDeviceTree(GetDeviceTreeRequest.getDefaultInstance());

        assertThat(tree.getRoot().getName()).isEqualTo("mainbus0");
        assertThat(tree.getRoot().getChildren(0).getChildrenList()).extracting(DeviceNode::getName)
                .containsExactly("KVM", "Hyper-V");
        assertThat(tree.getVersion()).isNotZero();
    }

    @Test
    void unitWithoutAStoreAnswersFailedPreconditionAsPvbusGivesEnxio() {
        var stub = PvBusGrpc.newBlockingStub(channel);

        assertThatThrownBy(() -> stub.kvRead(KvReadRequest.newBuilder().setUnit(0).setKey("device").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
    }

    @Test
    void healthServiceReportsServingOnceDetected() throws Exception {
        agent.server.serving().get(30, TimeUnit.SECONDS);
        var health = HealthGrpc.newBlockingStub(channel);

        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
        assertThat(health.check(HealthCheckRequest.newBuilder().setService(PvBusGrpc.SERVICE_NAME).build())
                .getStatus()).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void reflectionListsThePvBusService() throws Exception {
        ServerReflectionResponse response = reflect(ServerReflectionRequest.newBuilder().setListServices("").build());

        assertThat(response.getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
                .contains("pvscope.v1.PvBus", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
    }

    @Test
    void reflectionFindsThePvBusFileThoughItsMethodsAreBoundAtTheirFirstCall() throws Exception {
        ServerReflectionResponse response = reflect(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("pvscope.v1.PvBus").build());

        List<String> files = new java.util.ArrayList<>();
        for (var bytes : response.getFileDescriptorResponse().getFileDescriptorProtoList()) {
            files.add(FileDescriptorProto.parseFrom(bytes).getName());
        }
        assertThat(files).contains("pvscope/v1/pvbus.proto");
    }

    /** The first answer of a reflection stream to one request. */
    private ServerReflectionResponse reflect(ServerReflectionRequest request) throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(request);
        requests.onCompleted();
        return answer.get(10, TimeUnit.SECONDS);
    }
}
