package io.pvscope.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.pvscope.proto.v1.Device;
import io.pvscope.proto.v1.DeviceNode;
import io.pvscope.proto.v1.DeviceTree;
import io.pvscope.proto.v1.Evidence;
import io.pvscope.proto.v1.ListDevicesResponse;
import io.pvscope.proto.v1.ListUnitsResponse;
import io.pvscope.proto.v1.Unit;
import io.pvscope.proto.v1.XenbusDevice;

/**
 * Builds the pvbus(4) view of a guest from the agent's device tree, mainbus0 → pvbus0 → units → devices,
 * with each unit's detection details and evidence from ListUnits as its properties.
 */
public final class BusTree {

    private BusTree() {
    }

    /** The tree's root, mainbus0. */
    public static BusNode of(DeviceTree tree, ListUnitsResponse units) {
        return of(tree, units, ListDevicesResponse.getDefaultInstance());
    }

    /**
     * As {@link #of(DeviceTree, ListUnitsResponse)}, with the XenBus devices of ListDevices under the unit
     * whose store holds them ("vif/0 (network)"), as the tree's own nodes carry virtio and VMBus state.
     */
    public static BusNode of(DeviceTree tree, ListUnitsResponse units, ListDevicesResponse devices) {
        return node(tree.getRoot(), units, false, devices);
    }

    /** "pvbus unit 0: KVM (KVMKVMKVM)", as OpenBSD names what /dev/pvbus0 reaches. */
    public static String unitLabel(Unit unit) {
        String label = "pvbus unit " + unit.getUnit() + ": " + unit.getName();
        return unit.getSignature().isEmpty() ? label : label + " (" + unit.getSignature() + ")";
    }

    private static BusNode node(DeviceNode device, ListUnitsResponse units, boolean underPvbus,
            ListDevicesResponse devices) {
        List<BusNode> children = new ArrayList<>();
        boolean isPvbus = "pvbus".equals(device.getDriver());
        for (DeviceNode child : device.getChildrenList()) {
            children.add(node(child, units, isPvbus, devices));
        }
        Optional<Unit> unit = underPvbus ? unit(units, device.getUnit()) : Optional.empty();
        if (unit.isPresent()) {
            for (Device found : devices.getDevicesList()) {
                if (found.getState().hasXenbus() && found.getUnit() == unit.get().getUnit()) {
                    children.add(xenbusNode(found));
                }
            }
            return new BusNode(unitLabel(unit.get()), BusNode.Kind.UNIT, unitProperties(unit.get(), device),
                    children);
        }
        BusNode.Kind kind = device.getUnit() < 0 ? BusNode.Kind.BUS : BusNode.Kind.DEVICE;
        Map<String, String> properties = deviceProperties(device);
        if (!device.hasState()) {
            return new BusNode(device.getName(), kind, properties, children);
        }
        properties.putAll(DeviceStates.properties(device.getState()));
        return new BusNode(device.getName(), kind, properties, children, DeviceStates.summary(device.getState()),
                DeviceStates.problems(device.getState()));
    }

    /** A XenBus device from the unit's store: "vif/0 (network)", its states beside it. */
    private static BusNode xenbusNode(Device found) {
        XenbusDevice xenbus = found.getState().getXenbus();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("source", found.getSource());
        properties.putAll(DeviceStates.properties(found.getState()));
        return new BusNode(xenbus.getType() + "/" + xenbus.getId() + " (" + xenbus.getTypeName() + ")",
                BusNode.Kind.DEVICE, properties, List.of(), DeviceStates.summary(found.getState()),
                DeviceStates.problems(found.getState()));
    }

    private static Optional<Unit> unit(ListUnitsResponse units, int number) {
        return units.getUnitsList().stream().filter(unit -> unit.getUnit() == number).findFirst();
    }

    private static Map<String, String> deviceProperties(DeviceNode device) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("name", device.getName());
        properties.put("driver", device.getDriver());
        if (device.getUnit() >= 0) {
            properties.put("unit", Integer.toString(device.getUnit()));
        }
        properties.put("source", device.getSource());
        properties.putAll(new TreeMap<>(device.getAttributesMap()));
        return properties;
    }

    private static Map<String, String> unitProperties(Unit unit, DeviceNode device) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("unit", Integer.toString(unit.getUnit()));
        properties.put("name", unit.getName());
        properties.put("signature", unit.getSignature());
        if (unit.getBase() != 0) {
            properties.put("base", hex(unit.getBase()));
            properties.put("max leaf", hex(unit.getMaxLeaf()));
            properties.put("features", hex(unit.getFeatures()));
        }
        if (unit.hasVersion()) {
            properties.put("version", unit.getVersion().getMajor() + "." + unit.getVersion().getMinor());
        }
        properties.put("found by", unit.getFoundBy());
        properties.put("store", unit.getStore().isEmpty() ? "none" : unit.getStore());
        properties.put("source", device.getSource());
        int index = 1;
        for (Evidence item : unit.getEvidenceList()) {
            properties.put("evidence " + index++, evidenceText(item));
        }
        return properties;
    }

    /** "cpuid 0x40000000: KVMKVMKVM", flagged when it disagrees with another view. */
    public static String evidenceText(Evidence item) {
        return item.getSource() + " " + item.getSubject() + ": " + item.getSeen()
                + (item.getConflict() ? " (conflicts with another view)" : "");
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }
}
