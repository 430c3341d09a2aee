package io.pvscope.agent.detect;

import java.util.Map;
import java.util.Optional;

/**
 * One CPUID hypervisor window (base leaf and the three after it) whose signature is printable.
 *
 * @param more leaves read beyond base+3, by their offset from the base (Hyper-V's recommendations at 4,
 *             limits at 5 and isolation configuration at 0xC; Xen's HVM features at 4)
 */
public record HypervisorWindow(int base, CpuidRegisters baseLeaf, CpuidRegisters plus1, CpuidRegisters plus2,
                               CpuidRegisters plus3, Map<Integer, CpuidRegisters> more) {

    public HypervisorWindow {
        more = Map.copyOf(more);
    }

    public HypervisorWindow(int base, CpuidRegisters baseLeaf, CpuidRegisters plus1, CpuidRegisters plus2,
                            CpuidRegisters plus3) {
        this(base, baseLeaf, plus1, plus2, plus3, Map.of());
    }

    /** The leaf at {@code offset} from the base, if it was read. */
    public Optional<CpuidRegisters> leaf(int offset) {
        return switch (offset) {
            case 0 -> Optional.of(baseLeaf);
            case 1 -> Optional.of(plus1);
            default -> Optional.ofNullable(more.get(offset));
        };
    }

    /** Whether the base leaf says the window reaches {@code offset}. */
    public boolean reaches(int offset) {
        return Integer.compareUnsigned(maxLeaf(), base + offset) >= 0;
    }

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
