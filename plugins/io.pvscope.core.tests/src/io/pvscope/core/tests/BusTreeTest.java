package io.pvscope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pvscope.core.BusNode;
import io.pvscope.core.BusTree;
import io.pvscope.proto.v1.DeviceNode;
import io.pvscope.proto.v1.DeviceTree;
import io.pvscope.proto.v1.Evidence;
import io.pvscope.proto.v1.ListUnitsResponse;
import io.pvscope.proto.v1.Unit;

class BusTreeTest {

    private static final Unit KVM = Unit.newBuilder().setUnit(0).setName("KVM").setSignature("KVMKVMKVM")
            .setBase(0x40000000).setMaxLeaf(0x40000001).setFoundBy("cpuid")
            .addEvidence(Evidence.newBuilder().setSource("cpuid").setSubject("0x40000000").setSeen("KVMKVMKVM"))
            .build();
    private static final Unit HYPERV = Unit.newBuilder().setUnit(1).setName("Hyper-V").setFoundBy("cpuid").build();

    private static final DeviceTree TREE = DeviceTree.newBuilder().setRoot(bus("mainbus0", "mainbus",
            bus("pvbus0", "pvbus",
                    device("KVM", "kvm", 0, device("pvclock0", "pvclock", 0), device("vio0", "vio", 0)),
                    device("hyperv0", "hyperv", 1, device("hvn0", "hvn", 1)))))
            .build();

    @Test
    void devicesHangUnderTheirUnitUnderPvbus0() {
        BusNode root = BusTree.of(TREE, ListUnitsResponse.newBuilder().addUnits(KVM).addUnits(HYPERV).build());

        assertEquals("mainbus0", root.label());
        BusNode pvbus = root.children().get(0);
        assertEquals("pvbus0", pvbus.label());
        assertEquals(List.of("pvbus unit 0: KVM (KVMKVMKVM)", "pvbus unit 1: Hyper-V"),
                pvbus.children().stream().map(BusNode::label).toList());
        assertEquals(List.of("pvclock0", "vio0"),
                pvbus.children().get(0).children().stream().map(BusNode::label).toList());
        assertEquals(List.of("hvn0"), pvbus.children().get(1).children().stream().map(BusNode::label).toList());
        assertEquals(BusNode.Kind.DEVICE, pvbus.children().get(1).children().get(0).kind());
    }

    @Test
    void evidenceAndCpuidValuesAreUnitProperties() {
        BusNode unit = BusTree.of(TREE, ListUnitsResponse.newBuilder().addUnits(KVM).build())
                .children().get(0).children().get(0);

        assertEquals("cpuid 0x40000000: KVMKVMKVM", unit.properties().get("evidence 1"));
        assertEquals("0x40000000", unit.properties().get("base"));
        assertEquals("none", unit.properties().get("store"));
    }

    private static DeviceNode bus(String name, String driver, DeviceNode... children) {
        return device(name, driver, -1, children);
    }

    private static DeviceNode device(String name, String driver, int unit, DeviceNode... children) {
        return DeviceNode.newBuilder().setName(name).setDriver(driver).setUnit(unit)
                .addAllChildren(List.of(children)).build();
    }
}
