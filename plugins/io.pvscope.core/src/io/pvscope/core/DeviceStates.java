package io.pvscope.core;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.pvscope.client.DeviceStateText;
import io.pvscope.proto.v1.DeviceProblem;
import io.pvscope.proto.v1.DeviceState;
import io.pvscope.proto.v1.FeatureBit;
import io.pvscope.proto.v1.VirtioDevice;
import io.pvscope.proto.v1.VmbusChannel;
import io.pvscope.proto.v1.VmbusDevice;
import io.pvscope.proto.v1.XenbusDevice;
import io.pvscope.proto.v1.XenbusEnd;
import io.pvscope.proto.v1.XenbusFeature;
import io.pvscope.proto.v1.XenbusTransition;

/**
 * A device's decoded protocol state as the views show it: a few words beside the node ({@link #summary}) and
 * the whole of it as properties (status and feature bits by name, the negotiation table, rings, timeline,
 * channels, problems).
 */
public final class DeviceStates {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private DeviceStates() {
    }

    /** "DRIVER_OK", "4 (Connected) / 2 (InitWait)", "opened, 2 channels"; empty without a decoded state. */
    public static String summary(DeviceState state) {
        return switch (state.getKindCase()) {
            case XENBUS -> end(state.getXenbus().hasFrontend() ? state.getXenbus().getFrontend() : null) + " / "
                    + end(state.getXenbus().hasBackend() ? state.getXenbus().getBackend() : null);
            case VIRTIO -> virtioSummary(state.getVirtio());
            case VMBUS -> vmbusSummary(state.getVmbus());
            default -> "";
        };
    }

    /**
     * The decoded state of the XenBus device a store key belongs to, as properties in display order: first
     * "device" ("vif/0 (network)" and its states in a few words), then everything decoded. Empty when no
     * device holds the key.
     */
    public static java.util.Optional<Map<String, String>> xenbusDeviceProperties(String key,
            List<TargetConnection> connections) {
        return xenbusDeviceOf(key, connections).map(device -> {
            XenbusDevice xenbus = device.getState().getXenbus();
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("device", xenbus.getType() + "/" + xenbus.getId() + " (" + xenbus.getTypeName() + ")  "
                    + summary(device.getState()));
            properties.putAll(properties(device.getState()));
            return properties;
        });
    }

    /**
     * The XenBus device a store key belongs to, among what the connected agents last said of their devices:
     * the one whose frontend or backend directory holds the key.
     */
    private static java.util.Optional<io.pvscope.proto.v1.Device> xenbusDeviceOf(String key,
            List<TargetConnection> connections) {
        for (TargetConnection connection : connections) {
            for (io.pvscope.proto.v1.Device device : connection.devices()
                    .map(io.pvscope.proto.v1.ListDevicesResponse::getDevicesList).orElse(List.of())) {
                if (!device.getState().hasXenbus()) {
                    continue;
                }
                XenbusDevice xenbus = device.getState().getXenbus();
                if (holds(xenbus.getFrontend().getPath(), key) || holds(xenbus.getBackend().getPath(), key)) {
                    return java.util.Optional.of(device);
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean holds(String directory, String key) {
        return !directory.isEmpty() && (key.equals(directory) || key.startsWith(directory + "/"));
    }

    /** The problems' reasons. */
    public static List<String> problems(DeviceState state) {
        return state.getProblemsList().stream().map(DeviceProblem::getReason).toList();
    }

    /** Everything decoded, as properties in display order. */
    public static Map<String, String> properties(DeviceState state) {
        Map<String, String> properties = new LinkedHashMap<>();
        switch (state.getKindCase()) {
            case XENBUS -> xenbus(state.getXenbus(), properties);
            case VIRTIO -> virtio(state.getVirtio(), properties);
            case VMBUS -> vmbus(state.getVmbus(), properties);
            default -> {
            }
        }
        int index = 1;
        for (DeviceProblem problem : state.getProblemsList()) {
            properties.put("problem " + index++, problem.getCode() + ": " + problem.getReason());
        }
        return properties;
    }

    private static String end(XenbusEnd end) {
        if (end == null) {
            return "none";
        }
        return end.getPresent() ? DeviceStateText.xenbusState(end.getState().getValue(), end.getState().getName()) : "missing";
    }

    private static String virtioSummary(VirtioDevice device) {
        if (!device.hasStatus()) {
            return "status unknown";
        }
        List<String> names = device.getStatusNamesList();
        if (names.contains("FAILED")) {
            return "FAILED";
        }
        if (names.contains("DEVICE_NEEDS_RESET")) {
            return "DEVICE_NEEDS_RESET";
        }
        return names.isEmpty() ? "reset (status 0)" : names.get(names.size() - 1);
    }

    private static String vmbusSummary(VmbusDevice device) {
        return (device.getState().isEmpty() ? "" : device.getState() + ", ") + device.getChannelsCount()
                + (device.getChannelsCount() == 1 ? " channel" : " channels");
    }

    private static void xenbus(XenbusDevice device, Map<String, String> properties) {
        properties.put("xenbus type", device.getType() + " (" + device.getTypeName() + ")");
        if (device.hasFrontend()) {
            properties.put("frontend", device.getFrontend().getPath());
            properties.put("frontend state", endDetail(device.getFrontend()));
        }
        if (device.hasBackend()) {
            properties.put("backend", device.getBackend().getPath());
            properties.put("backend state", endDetail(device.getBackend()));
        }
        for (XenbusFeature feature : device.getFeaturesList()) {
            properties.put("feature: " + feature.getFeature(), "offered " + DeviceStateText.side(feature.getBackendKey(),
                    feature.hasOffered(), feature.getOffered()) + "; requested " + DeviceStateText.side(feature.getFrontendKey(),
                            feature.hasRequested(), feature.getRequested()));
        }
        device.getRingsMap().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(ring -> properties.put("ring " + ring.getKey(), ring.getValue()));
        int index = 1;
        for (XenbusTransition entry : device.getTimelineList()) {
            Instant at = Instant.ofEpochSecond(entry.getAt().getSeconds(), entry.getAt().getNanos());
            properties.put(String.format("timeline %02d", index++), TIME.format(at) + "  " + entry.getFrontend() + "/"
                    + entry.getBackend() + (entry.getFirstSeen() ? " (first seen)" : ""));
        }
    }

    private static String endDetail(XenbusEnd end) {
        return end.getPresent() ? DeviceStateText.xenbusState(end.getState().getValue(), end.getState().getName())
                : "missing: " + end.getError();
    }

    private static void virtio(VirtioDevice device, Map<String, String> properties) {
        properties.put("virtio type", device.getTypeName() + " (id " + device.getDeviceId() + ")");
        if (device.hasStatus()) {
            properties.put("virtio status", String.format("0x%02x %s", device.getStatus(),
                    String.join(", ", device.getStatusNamesList())));
        }
        properties.put("virtio features", DeviceStateText.features(device.getFeaturesList()));
        properties.put("virtio feature bits", device.getFeaturesList().stream().map(FeatureBit::getBit)
                .map(String::valueOf).collect(Collectors.joining(" ")));
    }

    private static void vmbus(VmbusDevice device, Map<String, String> properties) {
        properties.put("vmbus class", device.getClassName() + " " + device.getClassId());
        properties.put("vmbus instance", device.getInstanceId());
        if (!device.getState().isEmpty()) {
            properties.put("channel state", device.getState());
        }
        for (VmbusChannel channel : device.getChannelsList()) {
            properties.put(DeviceStateText.channelName(channel), DeviceStateText.channel(channel));
        }
    }
}
