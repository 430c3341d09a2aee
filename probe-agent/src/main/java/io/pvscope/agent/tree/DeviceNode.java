package io.pvscope.agent.tree;

import io.pvscope.agent.devices.DecodedDevice;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node of the paravirtual device tree, named as OpenBSD names it (pvbus0, hyperv0, xnf0...).
 *
 * @param unit   the unit the node hangs under; -1 for mainbus0 and pvbus0
 * @param source where it was seen: a sysfs path or a dmesg line
 * @param decoded the device's protocol state, for devices whose protocol is decoded (virtio, VMBus)
 */
public record DeviceNode(String name, String driver, int unit, String source, Map<String, String> attributes,
                         List<DeviceNode> children, Optional<DecodedDevice> decoded) {

    public DeviceNode {
        // Keep the caller's order: attributes are shown in it.
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        children = List.copyOf(children);
    }

    /** A node without decoded protocol state. */
    public DeviceNode(String name, String driver, int unit, String source, Map<String, String> attributes,
                      List<DeviceNode> children) {
        this(name, driver, unit, source, attributes, children, Optional.empty());
    }
}
