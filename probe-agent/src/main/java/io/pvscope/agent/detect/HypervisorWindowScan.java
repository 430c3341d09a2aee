package io.pvscope.agent.detect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Scans the CPUID hypervisor range as pvbus_identify() does: bases 0x40000000 up to (not including)
 * 0x40010000 in steps of 0x100, stopping at the first window whose first four signature bytes are not
 * printable ASCII. Unknown printable signatures do not stop the scan.
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
            windows.add(new HypervisorWindow(base, leaf, cpuid.read(base + 1), cpuid.read(base + 2),
                    cpuid.read(base + 3)));
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
