package io.pvscope.agent.detect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The hypervisors pvbus(4) knows, in its enum order: this order numbers the units (/dev/pvbusN).
 */
public enum HypervisorSignature {
    KVM("KVM", "KVMKVMKVM\0\0\0"),
    HYPER_V("Hyper-V", "Microsoft Hv"),
    VMWARE("VMware", "VMwareVMware"),
    XEN("Xen", "XenVMMXenVMM"),
    BHYVE("bhyve", "bhyve bhyve "),
    OPENBSD("OpenBSD", "OpenBSDVMM58");

    private final String unitName;
    private final byte[] signature;

    HypervisorSignature(String unitName, String signature) {
        this.unitName = unitName;
        this.signature = signature.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The name PVBUSIOC_TYPE and dmesg use. */
    public String unitName() {
        return unitName;
    }

    /** Matches all 12 bytes, as pvbus does with memcmp. */
    public static Optional<HypervisorSignature> match(byte[] signature) {
        return Arrays.stream(values()).filter(h -> Arrays.equals(h.signature, signature)).findFirst();
    }

    public static Optional<HypervisorSignature> byUnitName(String name) {
        return Arrays.stream(values()).filter(h -> h.unitName.equals(name)).findFirst();
    }
}
