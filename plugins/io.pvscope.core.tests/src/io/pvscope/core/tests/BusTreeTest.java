package io.pvscope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pvscope.core.BusNode;
import io.pvscope.core.BusTree;
import io.pvscope.proto.v1.Evidence;
import io.pvscope.proto.v1.ListUnitsResponse;
import io.pvscope.proto.v1.Unit;

class BusTreeTest {

    private static final Unit KVM = Unit.newBuilder().setUnit(0).setName("KVM").setSignature("KVMKVMKVM")
            .setBase(0x40000000).setMaxLeaf(0x40000001).setFoundBy("cpuid")
            .addEvidence(Evidence.newBuilder().setSource("cpuid").setSubject("0x40000000").setSeen("KVMKVMKVM"))
            .build();
    private static final Unit XEN_PV = Unit.newBuilder().setUnit(1).setName("Xen").setFoundBy("sysfs").build();

    @Test
    void unitsHangUnderPvbus0UnderMainbus0() {
        BusNode root = BusTree.of(ListUnitsResponse.newBuilder().addUnits(KVM).addUnits(XEN_PV).build());

        assertEquals("mainbus0", root.label());
        BusNode pvbus = root.children().get(0);
        assertEquals("pvbus0", pvbus.label());
        assertEquals(List.of("pvbus unit 0: KVM (KVMKVMKVM)", "pvbus unit 1: Xen"),
                pvbus.children().stream().map(BusNode::label).toList());
    }

    @Test
    void evidenceIsListedUnderItsUnitWithCpuidValuesInHex() {
        BusNode unit = BusTree.of(ListUnitsResponse.newBuilder().addUnits(KVM).build())
                .children().get(0).children().get(0);

        assertEquals(List.of("cpuid 0x40000000: KVMKVMKVM"), unit.children().stream().map(BusNode::label).toList());
        assertEquals("0x40000000", unit.properties().get("base"));
        assertEquals("none", unit.properties().get("store"));
    }
}
