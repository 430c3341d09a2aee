package io.pvscope.agent.detect;

import java.util.List;

/**
 * The hypervisor leaves of a window decoded into evidence lines, bits by name: what a driver developer
 * checks before wondering why an enlightenment is not used.
 */
final class LeafDecoding {

    private LeafDecoding() {
    }

    static void kvm(HypervisorWindow window, String kind, List<Evidence> evidence) {
        String leaf = "leaf " + UnitFactory.hex(window.base() + 1);
        evidence.add(Evidence.of(kind, leaf + " EAX", "KVM features "
                + CpuidLeafNames.describe(window.plus1().eax(), CpuidLeafNames.KVM_FEATURES)));
        evidence.add(Evidence.of(kind, leaf + " EDX", "KVM hints "
                + CpuidLeafNames.describe(window.plus1().edx(), CpuidLeafNames.KVM_HINTS)));
    }

    static void hyperV(HypervisorWindow window, String kind, List<Evidence> evidence) {
        String features = "leaf " + UnitFactory.hex(window.base() + 3);
        evidence.add(Evidence.of(kind, features + " EAX", "features "
                + CpuidLeafNames.describe(window.plus3().eax(), CpuidLeafNames.HYPERV_FEATURES_EAX)));
        evidence.add(Evidence.of(kind, features + " EBX", "privileges "
                + CpuidLeafNames.describe(window.plus3().ebx(), CpuidLeafNames.HYPERV_PRIVILEGES_EBX)));
        evidence.add(Evidence.of(kind, features + " EDX", "features "
                + CpuidLeafNames.describe(window.plus3().edx(), CpuidLeafNames.HYPERV_FEATURES_EDX)));
        window.leaf(4).ifPresent(leaf -> evidence.add(Evidence.of(kind, "leaf " + UnitFactory.hex(window.base() + 4)
                + " EAX", "recommendations " + CpuidLeafNames.describe(leaf.eax(),
                        CpuidLeafNames.HYPERV_RECOMMENDATIONS))));
        window.leaf(5).filter(leaf -> leaf.eax() != 0 || leaf.ebx() != 0).ifPresent(leaf -> evidence.add(
                Evidence.of(kind, "leaf " + UnitFactory.hex(window.base() + 5), "limits: "
                        + Integer.toUnsignedString(leaf.eax()) + " virtual processors, "
                        + Integer.toUnsignedString(leaf.ebx()) + " logical processors")));
        window.leaf(0xC).ifPresent(leaf -> evidence.add(Evidence.of(kind, "leaf "
                + UnitFactory.hex(window.base() + 0xC), isolation(leaf))));
    }

    /** Hyper-V's isolation configuration: paravisor, isolation type, shared GPA boundary. */
    static String isolation(CpuidRegisters leaf) {
        int type = leaf.ebx() & 0xf;
        boolean boundary = (leaf.ebx() & (1 << 5)) != 0;
        int bits = (leaf.ebx() >>> 6) & 0x3f;
        return "isolation: " + CpuidLeafNames.HYPERV_ISOLATION_TYPES.getOrDefault(type, "type " + type)
                + ((leaf.eax() & 1) != 0 ? ", paravisor present" : ", no paravisor")
                + (boundary ? ", shared GPA boundary at bit " + bits : "");
    }

    static void xen(HypervisorWindow window, String kind, List<Evidence> evidence) {
        // Xen always gives at least one hypercall page: zero means the leaf was not there to read.
        if (window.reaches(2) && window.plus2().eax() != 0) {
            evidence.add(Evidence.of(kind, "leaf " + UnitFactory.hex(window.base() + 2), "hypercall pages "
                    + Integer.toUnsignedString(window.plus2().eax()) + ", MSR base " + UnitFactory.hex(window.plus2().ebx())));
        }
        window.leaf(4).ifPresent(leaf -> {
            StringBuilder seen = new StringBuilder("HVM features "
                    + CpuidLeafNames.describe(leaf.eax(), CpuidLeafNames.XEN_HVM_FEATURES));
            if ((leaf.eax() & (1 << 3)) != 0) {
                seen.append("; vcpu id ").append(Integer.toUnsignedString(leaf.ebx()));
            }
            if ((leaf.eax() & (1 << 4)) != 0) {
                seen.append("; domid ").append(Integer.toUnsignedString(leaf.ecx()));
            }
            evidence.add(Evidence.of(kind, "leaf " + UnitFactory.hex(window.base() + 4), seen.toString()));
        });
    }
}
