package io.pvscope.agent.detect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scans the CPUID hypervisor range as pvbus_identify() does: bases 0x40000000 up to (not including)
 * 0x40010000 in steps of 0x100, stopping at the first window whose first four signature bytes are not
 * printable ASCII. Unknown printable signatures do not stop the scan. Of each window, the base leaf and base+1
 * are read, and base+2 and base+3 only where Hyper-V's signature says they hold its version and features.
 */
public final class HypervisorWindowScan {

    public static final int START = 0x40000000;
    public static final int END = 0x40010000;
    public static final int STEP = 0x100;

    private HypervisorWindowScan() {
    }

    public static List<HypervisorWindow> scan(CpuidSource cpuid) throws IOException {
        List<HypervisorWindow> windows = new ArrayList<>();
        for (int base = START; base < END; base += STEP) {
            CpuidRegisters leaf = cpuid.read(base);
            if (!startsPrintable(leaf.signatureBytes())) {
                break;
            }
            // pvbus's Hyper-V init reads base+2 and base+3; each read of the kernel's device is an IPI to CPU 0,
            // so only the leaves that are decoded are read beyond that, and only where the window has them.
            HypervisorSignature known = HypervisorSignature.match(leaf.signatureBytes()).orElse(null);
            boolean hyperV = known == HypervisorSignature.HYPER_V;
            CpuidRegisters plus3 = hyperV ? cpuid.read(base + 3) : CpuidRegisters.ZERO;
            HypervisorWindow first = new HypervisorWindow(base, leaf, cpuid.read(base + 1),
                    hyperV || known == HypervisorSignature.XEN ? cpuid.read(base + 2) : CpuidRegisters.ZERO, plus3);
            Map<Integer, CpuidRegisters> more = new HashMap<>();
            for (int offset : extraLeaves(known, plus3)) {
                if (first.reaches(offset)) {
                    more.put(offset, cpuid.read(base + offset));
                }
            }
            windows.add(new HypervisorWindow(base, leaf, first.plus1(), first.plus2(), plus3, more));
        }
        return windows;
    }

    /** Leaves beyond base+3 that are decoded: Hyper-V's recommendations, limits and isolation; Xen's HVM features. */
    private static List<Integer> extraLeaves(HypervisorSignature known, CpuidRegisters hyperVFeatures) {
        if (known == HypervisorSignature.HYPER_V) {
            boolean isolation = (hyperVFeatures.ebx() & CpuidLeafNames.HYPERV_ISOLATION_PRIVILEGE) != 0;
            return isolation ? List.of(4, 5, 0xC) : List.of(4, 5);
        }
        return known == HypervisorSignature.XEN ? List.of(4) : List.of();
    }

    private static boolean startsPrintable(byte[] signature) {
        for (int i = 0; i < 4; i++) {
            if (signature[i] < 32 || signature[i] > 126) {
                return false;
            }
        }
        return true;
    }
}
