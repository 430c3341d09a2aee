package io.pvscope.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the device tree as the user sees it: a bus (mainbus0, pvbus0), a unit or a device, with the
 * details that belong in a properties table.
 *
 * @param label      the text shown for the node
 * @param kind       what the node is
 * @param properties details, in display order
 * @param children   nodes below this one
 * @param state      the device's decoded protocol state in a few words ("DRIVER_OK", "4 (Connected) / 2
 *                   (InitWait)"), empty for nodes without one
 * @param problems   what looks wrong with the device, one reason each; empty when nothing does
 */
public record BusNode(String label, Kind kind, Map<String, String> properties, List<BusNode> children, String state,
        List<String> problems) {

    public enum Kind {
        BUS,
        UNIT,
        DEVICE
    }

    public BusNode {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        children = List.copyOf(children);
        problems = List.copyOf(problems);
    }

    /** A node without decoded state. */
    public BusNode(String label, Kind kind, Map<String, String> properties, List<BusNode> children) {
        this(label, kind, properties, children, "", List.of());
    }
}
