package io.pvscope.agent.cli;

import io.pvscope.client.DeviceStateText;
import io.pvscope.proto.v1.Device;
import io.pvscope.proto.v1.DeviceState;
import io.pvscope.proto.v1.VirtioDevice;
import io.pvscope.proto.v1.VmbusDevice;
import io.pvscope.proto.v1.XenbusDevice;
import io.pvscope.proto.v1.XenbusEnd;
import io.pvscope.proto.v1.XenbusFeature;
import io.pvscope.proto.v1.XenbusTransition;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code pvscope devices} as text: one line per device (bus, unit, device, states by name), its problems
 * on the lines below it, and with {@code -v} the decoded detail: negotiation table, rings, feature bits,
 * channels, timeline.
 */
final class DevicesText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private DevicesText() {
    }

    static List<String> lines(Device device, boolean verbose) {
        List<String> lines = new ArrayList<>();
        DeviceState state = device.getState();
        String unit = device.getUnit() < 0 ? "-" : String.valueOf(device.getUnit());
        String head = String.format(Locale.ROOT, "%-6s %-4s ", device.getBus(), unit);
        lines.add(head + switch (state.getKindCase()) {
            case XENBUS -> xenbus(state.getXenbus());
            case VIRTIO -> virtio(state.getVirtio());
            case VMBUS -> vmbus(state.getVmbus());
            default -> device.getSource();
        });
        if (verbose) {
            details(state).forEach(line -> lines.add("    " + line));
        } else {
            problems(state).forEach(line -> lines.add("    " + line));
        }
        return lines;
    }

    /** The decoded detail of a device, then its problems, one item per line (not indented). */
    static List<String> details(DeviceState state) {
        List<String> lines = new ArrayList<>();
        switch (state.getKindCase()) {
            case XENBUS -> lines.addAll(xenbusDetail(state.getXenbus()));
            case VIRTIO -> lines.add("features: " + DeviceStateText.features(state.getVirtio().getFeaturesList()));
            case VMBUS -> state.getVmbus().getChannelsList().forEach(channel -> lines.add(DeviceStateText.channelName(channel) + "  "
                    + DeviceStateText.channel(channel)));
            default -> {
            }
        }
        lines.addAll(problems(state));
        return lines;
    }

    private static List<String> problems(DeviceState state) {
        return state.getProblemsList().stream()
                .map(problem -> "! " + problem.getCode() + ": " + problem.getReason()).toList();
    }

    private static String xenbus(XenbusDevice device) {
        return device.getType() + "/" + device.getId() + " (" + device.getTypeName() + ")  frontend "
                + end(device.hasFrontend() ? device.getFrontend() : null) + "  backend "
                + end(device.hasBackend() ? device.getBackend() : null);
    }

    private static String end(XenbusEnd end) {
        if (end == null) {
            return "none";
        }
        if (!end.getPresent()) {
            return "missing (" + end.getPath() + ")";
        }
        return DeviceStateText.xenbusState(end.getState().getValue(), end.getState().getName());
    }

    private static List<String> xenbusDetail(XenbusDevice device) {
        List<String> lines = new ArrayList<>();
        if (device.hasFrontend()) {
            lines.add("frontend " + device.getFrontend().getPath() + otherEnd(device.getFrontend(), "backend"));
        }
        if (device.hasBackend()) {
            lines.add("backend  " + device.getBackend().getPath() + otherEnd(device.getBackend(), "frontend"));
        }
        for (XenbusFeature feature : device.getFeaturesList()) {
            lines.add(String.format(Locale.ROOT, "%-28s offered %-24s requested %s", feature.getFeature(),
                    DeviceStateText.side(feature.getBackendKey(), feature.hasOffered(), feature.getOffered()),
                    DeviceStateText.side(feature.getFrontendKey(), feature.hasRequested(), feature.getRequested())));
        }
        if (device.getRingsCount() > 0) {
            lines.add("rings: " + device.getRingsMap().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .map(ring -> ring.getKey() + "=" + ring.getValue()).collect(Collectors.joining(", ")));
        }
        for (XenbusTransition entry : device.getTimelineList()) {
            Instant at = Instant.ofEpochSecond(entry.getAt().getSeconds(), entry.getAt().getNanos());
            lines.add(TIME.format(at) + "  " + entry.getFrontend() + "/" + entry.getBackend()
                    + (entry.getFirstSeen() ? "  (first seen)" : ""));
        }
        return lines;
    }

    private static String otherEnd(XenbusEnd end, String other) {
        return (end.getOtherEndDomid() >= 0 ? "  (" + other + " in domain " + end.getOtherEndDomid() + ")" : "")
                + (end.getError().isEmpty() ? "" : "  " + end.getError());
    }

    private static String virtio(VirtioDevice device) {
        String status = device.hasStatus() ? String.format(Locale.ROOT, "status 0x%02x %s", device.getStatus(),
                String.join(",", device.getStatusNamesList())) : "status unknown";
        return device.getKernelName() + " " + device.getTypeName() + " (id " + device.getDeviceId() + ")  " + status
                + "  driver " + (device.getDriver().isEmpty() ? "none" : device.getDriver()) + "  "
                + device.getFeaturesCount() + (device.getFeaturesCount() == 1 ? " feature" : " features");
    }

    private static String vmbus(VmbusDevice device) {
        return device.getInstanceId() + " " + device.getClassName() + "  " + (device.getState().isEmpty() ? ""
                : device.getState() + "  ") + device.getChannelsCount() + " channel"
                + (device.getChannelsCount() == 1 ? "" : "s") + "  driver "
                + (device.getDriver().isEmpty() ? "none" : device.getDriver());
    }
}
