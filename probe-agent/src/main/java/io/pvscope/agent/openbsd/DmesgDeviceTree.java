package io.pvscope.agent.openbsd;

import io.pvscope.agent.detect.DetectedUnit;
import io.pvscope.agent.tree.DeviceNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds mainbus0 → pvbus0 → units → devices from OpenBSD's own attach messages: pvbus0's children go
 * under the unit their driver serves (pvclock → KVM or OpenBSD, vmt → VMware, xen → Xen, hyperv → Hyper-V),
 * and their own children (hvn, hvs under hyperv0; xnf, xbf under xen0) under them. Every node's source is
 * the dmesg line it was seen on. Devices that are not on the pvbus (virtio's vmmci0) are not in this tree.
 */
public final class DmesgDeviceTree {

    private final OpenBsdDmesg dmesg;

    public DmesgDeviceTree(OpenBsdDmesg dmesg) {
        this.dmesg = dmesg;
    }

    public DeviceNode build(List<DetectedUnit> units) {
        List<String> present = units.stream().map(DetectedUnit::name).toList();
        Map<String, List<DeviceNode>> byUnit = new LinkedHashMap<>();
        List<DeviceNode> unattributed = new ArrayList<>();
        for (AttachLine child : dmesg.childrenOf("pvbus0")) {
            Optional<String> unitName = PvbusChildren.unitOf(child.driver(), present);
            int unit = unitName.map(present::indexOf).map(i -> units.get(i).unit()).orElse(-1);
            DeviceNode node = deviceNode(child, unit, true);
            if (unitName.isPresent()) {
                byUnit.computeIfAbsent(unitName.get(), n -> new ArrayList<>()).add(node);
            } else {
                unattributed.add(node);
            }
        }
        List<DeviceNode> pvbusChildren = new ArrayList<>();
        for (DetectedUnit unit : units) {
            pvbusChildren.add(unitNode(unit, byUnit.getOrDefault(unit.name(), List.of())));
        }
        pvbusChildren.addAll(unattributed);

        String pvbusSource = dmesg.pvbusLine().map(AttachLine::line).orElse(OpenBsdDmesg.PATH);
        Map<String, String> pvbusAttributes = new LinkedHashMap<>();
        pvbusAttributes.put("units", String.valueOf(units.size()));
        DeviceNode pvbus = new DeviceNode("pvbus0", "pvbus", -1, pvbusSource, pvbusAttributes, pvbusChildren);
        // "mainbus0 at root": the root has no unit number, so this is not an AttachLine.
        String mainbusSource = dmesg.boot().lines().stream().filter(l -> l.startsWith("mainbus0 at ")).findFirst()
                .orElse(OpenBsdDmesg.PATH);
        return new DeviceNode("mainbus0", "mainbus", -1, mainbusSource, Map.of(),
                units.isEmpty() && pvbusChildren.isEmpty() ? List.of() : List.of(pvbus));
    }

    private DeviceNode unitNode(DetectedUnit unit, List<DeviceNode> devices) {
        Map<String, String> attributes = new LinkedHashMap<>();
        String device = "/dev/pvbus" + unit.unit();
        attributes.put("device", device);
        unit.version().ifPresent(v -> attributes.put("version", v.toString()));
        attributes.put("found by", unit.foundBy());
        // A unit named by the kernel through its device is seen there; one replayed from dmesg on pvbus0's line.
        String source = unit.foundBy().equals(OpenBsdDetector.IOCTL_SOURCE) ? device
                : dmesg.pvbusLine().map(AttachLine::line).orElse(OpenBsdDmesg.PATH);
        return new DeviceNode(unit.name(), unit.name().toLowerCase(Locale.ROOT), unit.unit(), source, attributes,
                devices);
    }

    /** A device and, one level down only, what attached to it (hvn at hyperv0, not sd0 at scsibus1). */
    private DeviceNode deviceNode(AttachLine attach, int unit, boolean withChildren) {
        Map<String, String> attributes = new LinkedHashMap<>();
        AttachAttributes.addLocator(attach.locator(), attributes);
        AttachAttributes.addList(attach.tail(), "info", attributes);
        for (String note : dmesg.notes(attach.device())) {
            AttachAttributes.addList(note, PvbusChildren.noteKey(attach.driver()), attributes);
        }
        List<DeviceNode> children = new ArrayList<>();
        if (withChildren) {
            for (AttachLine child : dmesg.childrenOf(attach.device())) {
                children.add(deviceNode(child, unit, false));
            }
        }
        return new DeviceNode(attach.device(), attach.driver(), unit, attach.line(), attributes, children);
    }
}
