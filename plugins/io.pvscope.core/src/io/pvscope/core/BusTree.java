package io.pvscope.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pvscope.proto.v1.Evidence;
import io.pvscope.proto.v1.ListUnitsResponse;
import io.pvscope.proto.v1.Unit;

/** Builds the pvbus(4) view of a guest, mainbus0 → pvbus0 → units → evidence, from the agent's units. */
public final class BusTree {

    private BusTree() {
    }

    /** The tree's root, mainbus0. */
    public static BusNode of(ListUnitsResponse response) {
        List<BusNode> units = new ArrayList<>();
        for (Unit unit : response.getUnitsList()) {
            units.add(unitNode(unit));
        }
        BusNode pvbus = new BusNode("pvbus0", BusNode.Kind.BUS,
                Map.of("units", Integer.toString(units.size())), units);
        return new BusNode("mainbus0", BusNode.Kind.BUS, Map.of(), List.of(pvbus));
    }

    /** "pvbus unit 0: KVM (KVMKVMKVM)", as OpenBSD names what /dev/pvbus0 reaches. */
    public static String unitLabel(Unit unit) {
        String label = "pvbus unit " + unit.getUnit() + ": " + unit.getName();
        return unit.getSignature().isEmpty() ? label : label + " (" + unit.getSignature() + ")";
    }

    private static BusNode unitNode(Unit unit) {
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
        List<BusNode> evidence = new ArrayList<>();
        for (Evidence item : unit.getEvidenceList()) {
            evidence.add(evidenceNode(item));
        }
        return new BusNode(unitLabel(unit), BusNode.Kind.UNIT, properties, evidence);
    }

    private static BusNode evidenceNode(Evidence item) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("source", item.getSource());
        properties.put("subject", item.getSubject());
        properties.put("seen", item.getSeen());
        properties.put("conflict", Boolean.toString(item.getConflict()));
        String label = item.getSource() + " " + item.getSubject() + ": " + item.getSeen()
                + (item.getConflict() ? " (conflicts with another view)" : "");
        return new BusNode(label, BusNode.Kind.EVIDENCE, properties, List.of());
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }
}
