package io.pvscope.agent.server;

import com.google.protobuf.Duration;
import io.grpc.stub.StreamObserver;
import io.pvscope.agent.AgentVersion;
import io.pvscope.agent.detect.Detection;
import io.pvscope.proto.v1.AgentInfo;
import io.pvscope.proto.v1.DeviceTree;
import io.pvscope.proto.v1.GetAgentInfoRequest;
import io.pvscope.proto.v1.GetDeviceTreeRequest;
import io.pvscope.proto.v1.ListUnitsRequest;
import io.pvscope.proto.v1.ListUnitsResponse;
import io.pvscope.proto.v1.PvBusGrpc;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;

/**
 * The PvBus service. Thin: it maps requests onto detection and the stores and answers with the result.
 * RPCs not overridden here answer UNIMPLEMENTED.
 */
public final class PvBusService extends PvBusGrpc.PvBusImplBase {

    private final Detection detection;
    private final AgentLimits limits;
    private final Clock clock;
    private final Instant started;

    public PvBusService(Detection detection, AgentLimits limits, Clock clock) {
        this.detection = detection;
        this.limits = limits;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public void getAgentInfo(GetAgentInfoRequest request, StreamObserver<AgentInfo> response) {
        java.time.Duration uptime = java.time.Duration.between(started, clock.instant());
        response.onNext(AgentInfo.newBuilder()
                .setAgentVersion(AgentVersion.get())
                .setHostName(hostName())
                .setOsName(System.getProperty("os.name", ""))
                .setOsVersion(System.getProperty("os.version", ""))
                .setArch(System.getProperty("os.arch", ""))
                .setStarted(DetectionProtos.timestamp(started))
                .setUptime(Duration.newBuilder().setSeconds(uptime.getSeconds()).setNanos(uptime.getNano()))
                .setReadOnly(true)
                .setLimits(limits.toProto())
                .setRoot(detection.root().toString())
                .build());
        response.onCompleted();
    }

    @Override
    public void listUnits(ListUnitsRequest request, StreamObserver<ListUnitsResponse> response) {
        var snapshot = request.getRefresh() ? detection.refresh() : detection.current();
        response.onNext(DetectionProtos.listUnits(snapshot.report()));
        response.onCompleted();
    }

    @Override
    public void getDeviceTree(GetDeviceTreeRequest request, StreamObserver<DeviceTree> response) {
        var snapshot = request.getRefresh() ? detection.refresh() : detection.current();
        response.onNext(DetectionProtos.deviceTree(snapshot.tree()));
        response.onCompleted();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
