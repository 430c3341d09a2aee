package io.pvscope.agent.detect;

import java.util.List;
import java.util.Optional;

/**
 * Explains combinations of CPUID windows that mislead tools reading only the first one: a hypervisor that
 * offers Hyper-V's interface at 0x40000000 for Windows guests and its own signature in a later window.
 */
final class WindowCombinations {

    private WindowCombinations() {
    }

    static void explain(List<HypervisorWindow> windows, String kind, List<Evidence> evidence) {
        if (windows.size() < 2 || !is(windows.get(0), HypervisorSignature.HYPER_V)) {
            return;
        }
        for (HypervisorWindow later : windows.subList(1, windows.size())) {
            Optional<HypervisorSignature> known = later.known();
            if (known.isEmpty()) {
                continue;
            }
            String at = " at " + UnitFactory.hex(later.base());
            switch (known.get()) {
                case KVM -> evidence.add(Evidence.of(kind, "leaves 0x40000000-0x4000ff00", "Hyper-V's signature at "
                        + "0x40000000 with KVM's" + at + ": KVM offering Hyper-V enlightenments (hv-* CPU flags);"
                        + " the hypervisor is KVM, though tools that read only 0x40000000 say Hyper-V"));
                case XEN -> evidence.add(Evidence.of(kind, "leaves 0x40000000-0x4000ff00", "Hyper-V's signature at "
                        + "0x40000000 with Xen's" + at + ": Xen with viridian (Hyper-V enlightenments for Windows"
                        + " guests); the hypervisor is Xen"));
                default -> {
                    continue;
                }
            }
            return;
        }
    }

    private static boolean is(HypervisorWindow window, HypervisorSignature signature) {
        return window.known().filter(signature::equals).isPresent();
    }
}
