package io.pvscope.agent.server;

import com.google.protobuf.Timestamp;
import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.bus.BusUnit;
import io.pvscope.agent.detect.ConfidentialGuest;
import io.pvscope.agent.detect.ContainerInfo;
import io.pvscope.agent.detect.DetectedUnit;
import io.pvscope.agent.detect.DetectionReport;
import io.pvscope.agent.detect.Evidence;
import io.pvscope.agent.detect.GuestRole;
import io.pvscope.agent.detect.Platform;
import io.pvscope.agent.tree.DeviceNode;
import io.pvscope.agent.tree.DeviceTreeText;
import io.pvscope.proto.v1.Confidential;
import io.pvscope.proto.v1.Container;
import io.pvscope.proto.v1.DeviceTree;
import io.pvscope.proto.v1.ListUnitsResponse;
import io.pvscope.proto.v1.Role;
import io.pvscope.proto.v1.Unit;
import io.pvscope.proto.v1.Version;
import java.time.Instant;

/** Maps detection's model onto the wire messages. */
final class DetectionProtos {

    private DetectionProtos() {
    }

    static ListUnitsResponse listUnits(AgentBus.View view) {
        DetectionReport report = view.report();
        ListUnitsResponse.Builder response = ListUnitsResponse.newBuilder()
                .setPlatform(platform(report.platform()))
                .setRole(role(report.role()))
                .setContainer(container(report.container()))
                .setConfidential(confidential(report.confidential()))
                .setDetected(timestamp(report.detected()));
        for (BusUnit unit : view.units()) {
            Unit.Builder proto = unit(unit.unit()).toBuilder();
            unit.store().ifPresent(store -> proto.setStore(store.info().kind()));
            response.addUnits(proto);
        }
        report.evidence().forEach(e -> response.addEvidence(evidence(e)));
        return response.build();
    }

    static Unit unit(DetectedUnit unit) {
        Unit.Builder proto = Unit.newBuilder()
                .setUnit(unit.unit())
                .setName(unit.name())
                .setSignature(unit.signature())
                .setBase(unit.base())
                .setMaxLeaf(unit.maxLeaf())
                .setFeatures(unit.features())
                .setFoundBy(unit.foundBy());
        unit.version().ifPresent(v -> proto.setVersion(Version.newBuilder().setMajor(v.major()).setMinor(v.minor())));
        unit.evidence().forEach(e -> proto.addEvidence(evidence(e)));
        return proto.build();
    }

    static io.pvscope.proto.v1.Evidence evidence(Evidence evidence) {
        return io.pvscope.proto.v1.Evidence.newBuilder()
                .setSource(evidence.source())
                .setSubject(evidence.subject())
                .setSeen(evidence.seen())
                .setConflict(evidence.conflict())
                .build();
    }

    private static io.pvscope.proto.v1.Platform platform(Platform platform) {
        return io.pvscope.proto.v1.Platform.newBuilder()
                .setVendor(platform.vendor())
                .setProduct(platform.product())
                .setVersion(platform.version())
                .setBiosVendor(platform.biosVendor())
                .setBoardVendor(platform.boardVendor())
                .setCloud(platform.cloud())
                .setSmbiosVmBit(switch (platform.vmBit()) {
                    case UNKNOWN -> io.pvscope.proto.v1.Platform.SmbiosVmBit.SMBIOS_VM_BIT_UNKNOWN;
                    case SET -> io.pvscope.proto.v1.Platform.SmbiosVmBit.SMBIOS_VM_BIT_SET;
                    case CLEAR -> io.pvscope.proto.v1.Platform.SmbiosVmBit.SMBIOS_VM_BIT_CLEAR;
                })
                .setMetal(platform.metal())
                .build();
    }

    private static Role role(GuestRole role) {
        return Role.newBuilder()
                .setDomain(Role.Domain.forNumber(role.domain().ordinal()))
                .setMode(Role.Mode.forNumber(role.mode().ordinal()))
                .build();
    }

    private static Confidential confidential(ConfidentialGuest guest) {
        Confidential.Builder proto = Confidential.newBuilder()
                .setTechnology(guest.technology())
                .setParavisor(guest.paravisor());
        guest.evidence().forEach(e -> proto.addEvidence(evidence(e)));
        return proto.build();
    }

    private static Container container(ContainerInfo container) {
        Container.Builder proto = Container.newBuilder()
                .setDetected(container.detected())
                .setKind(container.kind());
        container.evidence().forEach(e -> proto.addEvidence(evidence(e)));
        return proto.build();
    }

    static DeviceTree deviceTree(DeviceNode root) {
        return DeviceTree.newBuilder().setVersion(DeviceTreeText.versionStamp(root)).setRoot(node(root)).build();
    }

    private static io.pvscope.proto.v1.DeviceNode node(DeviceNode node) {
        io.pvscope.proto.v1.DeviceNode.Builder proto = io.pvscope.proto.v1.DeviceNode.newBuilder()
                .setName(node.name())
                .setDriver(node.driver())
                .setUnit(node.unit())
                .setSource(node.source())
                .putAllAttributes(node.attributes());
        node.children().forEach(child -> proto.addChildren(node(child)));
        node.decoded().ifPresent(decoded -> proto.setState(DeviceProtos.state(decoded)));
        return proto.build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
