package io.pvscope.agent.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a CPUID hypervisor window into a unit, reading features and version as pvbus's init functions do. */
final class UnitFactory {

    /** EAX of base+1 in a Hyper-V-compatible window: "Hv#1", little-endian. */
    private static final int HYPER_V_INTERFACE = 0x31237648;

    private UnitFactory() {
    }

    static DetectedUnit fromWindow(HypervisorWindow window, String kind, String cpuidSource) {
        Optional<HypervisorSignature> known = window.known();
        List<Evidence> evidence = new ArrayList<>();
        String leaf = hex(window.base());
        evidence.add(Evidence.of(kind, "leaf " + leaf, "signature \"" + window.signature() + "\", max leaf "
                + hex(window.maxLeaf()) + " (" + cpuidSource + ")"));
        window.wellKnownOther().ifPresent(other -> evidence.add(
                Evidence.of(kind, "leaf " + leaf, "not a pvbus hypervisor; known as " + other)));
        if (known.isEmpty() && window.plus1().eax() == HYPER_V_INTERFACE) {
            evidence.add(Evidence.of(kind, "leaf " + hex(window.base() + 1), "interface \"Hv#1\": offers the "
                    + "Hyper-V interface, which pvbus attaches only under the \"Microsoft Hv\" signature"));
        }

        int features = 0;
        Optional<UnitVersion> version = Optional.empty();
        if (known.isPresent()) {
            switch (known.get()) {
                case KVM, OPENBSD -> {
                    features = window.plus1().eax();
                    evidence.add(Evidence.of(kind, "leaf " + hex(window.base() + 1), "features " + hex(features)));
                    if (known.get() == HypervisorSignature.KVM) {
                        LeafDecoding.kvm(window, kind, evidence);
                    }
                }
                case HYPER_V -> {
                    features = window.plus3().eax();
                    version = Optional.of(UnitVersion.fromRegister(window.plus2().ebx()));
                    evidence.add(Evidence.of(kind, "leaf " + hex(window.base() + 2), "version " + version.get()));
                    evidence.add(Evidence.of(kind, "leaf " + hex(window.base() + 3), "features " + hex(features)));
                    LeafDecoding.hyperV(window, kind, evidence);
                }
                case XEN -> {
                    version = Optional.of(UnitVersion.fromRegister(window.plus1().eax()));
                    evidence.add(Evidence.of(kind, "leaf " + hex(window.base() + 1), "version " + version.get()));
                    LeafDecoding.xen(window, kind, evidence);
                }
                default -> {
                    // VMware and bhyve: pvbus records only the base.
                }
            }
        }
        String name = known.map(HypervisorSignature::unitName).orElse("unknown");
        return new DetectedUnit(-1, name, window.signature(), window.base(), window.maxLeaf(), features, version,
                kind, evidence);
    }

    static String hex(int value) {
        // As String.format("0x%08x"), without java.util.Formatter's parsing on detection's path.
        String digits = Integer.toHexString(value);
        return "0x" + "00000000".substring(digits.length()) + digits;
    }
}
