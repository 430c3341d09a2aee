package io.pvscope.agent.detect;

import java.util.Map;
import java.util.Optional;

/**
 * One CPUID hypervisor window (base leaf and the three after it) whose signature is printable.
 */
public record HypervisorWindow(int base, CpuidRegisters baseLeaf, CpuidRegisters plus1, CpuidRegisters plus2,
                               CpuidRegisters plus3) {

    /** Signatures that pvbus does not know but a developer will recognise. */
    private static final Map<String, String> WELL_KNOWN_OTHERS = Map.of(
            "Linux KVM Hv", "KVM's Hyper-V emulation",
            "TCGTCGTCGTCG", "QEMU TCG",
            "ACRNACRNACRN", "ACRN",
            "QNXQVMBSQG", "QNX hypervisor",
            "Apple VZ", "Apple Virtualization",
            "VBoxVBoxVBox", "VirtualBox",
            "SRESRESRESRE", "Lockheed Martin LMHS",
            "Jailhouse", "Jailhouse",
            "EVMMEVMMEVMM", "Intel KGT");

    public String signature() {
        return baseLeaf.signature();
    }

    public Optional<HypervisorSignature> known() {
        return HypervisorSignature.match(baseLeaf.signatureBytes());
    }

    /** A human name for a signature pvbus does not know, if it is a well-known one. */
    public Optional<String> wellKnownOther() {
        return Optional.ofNullable(WELL_KNOWN_OTHERS.get(signature()));
    }

    public int maxLeaf() {
        return baseLeaf.eax();
    }
}
