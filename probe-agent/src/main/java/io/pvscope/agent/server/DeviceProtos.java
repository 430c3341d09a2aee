package io.pvscope.agent.server;

import io.pvscope.agent.bus.DeviceSurvey;
import io.pvscope.agent.devices.DecodedDevice;
import io.pvscope.agent.devices.DeviceProblem;
import io.pvscope.agent.devices.virtio.VirtioDevice;
import io.pvscope.agent.devices.virtio.VirtioStatus;
import io.pvscope.agent.devices.vmbus.VmbusChannel;
import io.pvscope.agent.devices.vmbus.VmbusDevice;
import io.pvscope.agent.devices.xenbus.XenbusDevice;
import io.pvscope.agent.devices.xenbus.XenbusDeviceState;
import io.pvscope.agent.devices.xenbus.XenbusEnd;
import io.pvscope.agent.devices.xenbus.XenbusState;
import io.pvscope.agent.devices.xenbus.XenbusTimeline;
import io.pvscope.proto.v1.Device;
import io.pvscope.proto.v1.DeviceState;
import io.pvscope.proto.v1.FeatureBit;
import io.pvscope.proto.v1.ListDevicesResponse;
import io.pvscope.proto.v1.XenbusFeature;
import io.pvscope.proto.v1.XenbusTransition;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/** Decoded device state as the contract carries it. */
public final class DeviceProtos {

    private DeviceProtos() {
    }

    public static ListDevicesResponse listDevices(DeviceSurvey.Report report) {
        ListDevicesResponse.Builder response = ListDevicesResponse.newBuilder().addAllErrors(report.errors());
        for (DeviceSurvey.Found found : report.devices()) {
            response.addDevices(Device.newBuilder().setBus(found.bus()).setUnit(found.unit())
                    .setSource(found.source()).setState(state(found.device())));
        }
        return response.build();
    }

    public static DeviceState state(DecodedDevice device) {
        DeviceState.Builder state = DeviceState.newBuilder();
        for (DeviceProblem problem : device.problems()) {
            state.addProblems(io.pvscope.proto.v1.DeviceProblem.newBuilder().setCode(problem.code())
                    .setReason(problem.reason()));
        }
        if (device instanceof VirtioDevice virtio) {
            state.setVirtio(virtio(virtio));
        } else if (device instanceof VmbusDevice vmbus) {
            state.setVmbus(vmbus(vmbus));
        } else if (device instanceof XenbusDeviceState xenbus) {
            state.setXenbus(xenbus(xenbus));
        }
        return state.build();
    }

    private static io.pvscope.proto.v1.VirtioDevice virtio(VirtioDevice device) {
        io.pvscope.proto.v1.VirtioDevice.Builder proto = io.pvscope.proto.v1.VirtioDevice.newBuilder()
                .setKernelName(device.name())
                .setDeviceId(device.deviceId())
                .setTypeName(device.typeName())
                .setVendor(device.vendor())
                .setDriver(device.driver().orElse(""));
        device.status().ifPresent(status -> proto.setStatus(status).addAllStatusNames(VirtioStatus.names(status)));
        device.features().ifPresent(bits -> bits.forEach(bit -> proto.addFeatures(
                FeatureBit.newBuilder().setBit(bit.bit()).setName(bit.name()))));
        return proto.build();
    }

    private static io.pvscope.proto.v1.VmbusDevice vmbus(VmbusDevice device) {
        io.pvscope.proto.v1.VmbusDevice.Builder proto = io.pvscope.proto.v1.VmbusDevice.newBuilder()
                .setInstanceId(device.instance())
                .setClassId(device.classId())
                .setClassName(device.className())
                .setState(device.stateName().orElse(""))
                .setDriver(device.driver().orElse(""));
        device.monitorId().ifPresent(id -> proto.setMonitorId((int) id));
        for (VmbusChannel channel : device.channels()) {
            io.pvscope.proto.v1.VmbusChannel.Builder built = io.pvscope.proto.v1.VmbusChannel.newBuilder()
                    .setRelid(channel.relid());
            set(channel.subchannel(), value -> built.setSubchannel((int) value));
            set(channel.cpu(), value -> built.setCpu((int) value));
            set(channel.readAvail(), built::setReadAvail);
            set(channel.writeAvail(), built::setWriteAvail);
            set(channel.inMask(), value -> built.setInMask((int) value));
            set(channel.outMask(), value -> built.setOutMask((int) value));
            set(channel.interrupts(), built::setInterrupts);
            set(channel.events(), built::setEvents);
            set(channel.pending(), value -> built.setPending((int) value));
            proto.addChannels(built);
        }
        return proto.build();
    }

    private static io.pvscope.proto.v1.XenbusDevice xenbus(XenbusDeviceState state) {
        XenbusDevice device = state.device();
        io.pvscope.proto.v1.XenbusDevice.Builder proto = io.pvscope.proto.v1.XenbusDevice.newBuilder()
                .setType(device.type())
                .setTypeName(device.typeName())
                .setId(device.id())
                .putAllRings(device.rings());
        device.frontend().ifPresent(end -> proto.setFrontend(end(end, "backend-id")));
        device.backend().ifPresent(end -> proto.setBackend(end(end, "frontend-id")));
        for (XenbusDevice.Feature feature : device.features()) {
            XenbusFeature.Builder row = XenbusFeature.newBuilder().setFeature(feature.row().feature())
                    .setBackendKey(feature.row().backendKey()).setFrontendKey(feature.row().frontendKey());
            feature.offered().ifPresent(row::setOffered);
            feature.requested().ifPresent(row::setRequested);
            proto.addFeatures(row);
        }
        for (XenbusTimeline.Entry entry : state.timeline()) {
            proto.addTimeline(XenbusTransition.newBuilder().setAt(DetectionProtos.timestamp(entry.at()))
                    .setFrontend(entry.frontend()).setBackend(entry.backend()).setFirstSeen(entry.firstSeen()));
        }
        return proto.build();
    }

    private static io.pvscope.proto.v1.XenbusEnd end(XenbusEnd end, String otherEndNode) {
        int value = end.state().orElse(-1);
        return io.pvscope.proto.v1.XenbusEnd.newBuilder()
                .setPath(end.path())
                .setPresent(end.present())
                .setError(end.error().orElse(""))
                .setState(io.pvscope.proto.v1.XenbusState.newBuilder().setValue(value)
                        .setName(XenbusState.of(value).map(XenbusState::label).orElse("")))
                .setOtherEndDomid(end.number(otherEndNode).orElse(-1))
                .build();
    }

    private static void set(OptionalLong value, LongConsumer setter) {
        value.ifPresent(setter);
    }
}
