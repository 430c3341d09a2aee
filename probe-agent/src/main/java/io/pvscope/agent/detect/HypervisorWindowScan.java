package io.pvscope.agent.detect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
            // Only Hyper-V's init reads base+2 and base+3; each read of the kernel's device is an IPI to CPU 0.
            boolean hyperV = HypervisorSignature.match(leaf.signatureBytes())
                    .filter(HypervisorSignature.HYPER_V::equals).isPresent();
            windows.add(new HypervisorWindow(base, leaf, cpuid.read(base + 1),
                    hyperV ? cpuid.read(base + 2) : CpuidRegisters.ZERO,
                    hyperV ? cpuid.read(base + 3) : CpuidRegisters.ZERO));
        }
        return windows;
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
