package io.pvscope.agent.detect;

import io.pvscope.agent.fs.SystemRoot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tells a confidential guest, as systemd-detect-virt --cvm decides it (src/basic/confidential-virt.c) and
 * from the same vendor facts, with the evidence for each step:
 * <ul>
 * <li>x86: only under a hypervisor (leaf 1 ECX bit 31). AMD (leaf 0 "AuthenticAMD"): SEV is offered when
 * leaf 0x8000001F EAX bit 1 is set (AMD APM vol. 3, E.4.17); which kind runs is in the SEV_STATUS MSR
 * 0xC0010131 (APM vol. 2, 15.34.10): bit 2 SEV-SNP, else bit 1 SEV-ES, else bit 0 SEV. Intel ("GenuineIntel"):
 * TDX when leaf 0x21 reads "IntelTDX    " in EBX, EDX, ECX (TDX module base architecture, 11.2).
 * Both also behind a Hyper-V paravisor, where the CPU's own leaves are hidden: leaf 0x40000000 "Microsoft Hv"
 * with a maximum leaf in 0x40000005..0x4000FFFF, leaf 0x40000003 EBX bit 22 (isolation) without bit 12 (the
 * root partition), and leaf 0x4000000C EBX bits 3:0 the isolation type (1 VBS, 2 SEV-SNP, 3 TDX; EAX bit 0 a
 * paravisor; Hyper-V TLFS).</li>
 * <li>s390x: {@code /sys/firmware/uv/prot_virt_guest} reads "1" in a protected virtualisation guest.</li>
 * <li>arm64: {@code /sys/devices/platform/arm-cca-dev} exists in a CCA realm.</li>
 * </ul>
 * Where it differs from systemd, on purpose: an unreadable SEV_STATUS is "unknown" (systemd says "none"),
 * TDX is looked for only when leaf 0's maximum basic leaf reaches 0x21 (systemd compares the extended
 * maximum), and Hyper-V VBS isolation is named ("vbs"; systemd says "none"). The kernel's own word is added
 * as evidence: the guest drivers' device nodes ({@code /dev/sev-guest}, {@code /dev/tdx_guest}) and the
 * {@code tdx_guest} flag in /proc/cpuinfo.
 */
final class ConfidentialProbe {

    static final long SEV_STATUS = 0xC0010131L;
    static final String PROT_VIRT_GUEST = "/sys/firmware/uv/prot_virt_guest";
    static final String CCA_DEVICE = "/sys/devices/platform/arm-cca-dev";

    private static final int HYPERVISOR_BIT = 1 << 31;
    private static final int AMD_MEMORY_ENCRYPTION = 0x8000001F;
    private static final int INTEL_TDX = 0x21;
    private static final int HYPERV_BASE = 0x40000000;

    private final SystemRoot root;

    ConfidentialProbe(SystemRoot root) {
        this.root = root;
    }

    /** @param cpuid the CPUID view detection defines units with, if any */
    ConfidentialGuest probe(Optional<CpuidSource> cpuid) {
        List<Evidence> evidence = new ArrayList<>();
        kernelSays(evidence);
        SystemRoot.TextFile protVirt = root.read(PROT_VIRT_GUEST);
        if (protVirt.text().isPresent()) {
            boolean protectedGuest = protVirt.text().get().startsWith("1");
            evidence.add(Evidence.of("sysfs", PROT_VIRT_GUEST, protectedGuest
                    ? "1: an s390 protected virtualisation guest" : protVirt.text().get().strip() + ": not protected"));
            if (protectedGuest) {
                return new ConfidentialGuest("protvirt", false, evidence);
            }
        }
        if (root.exists(CCA_DEVICE)) {
            evidence.add(Evidence.of("sysfs", CCA_DEVICE, "present: an Arm CCA realm"));
            return new ConfidentialGuest("cca", false, evidence);
        }
        if (cpuid.isEmpty()) {
            evidence.add(Evidence.of("cpuid", "confidential computing", "no CPUID view: nothing to tell it by"));
            return new ConfidentialGuest(ConfidentialGuest.NONE, false, evidence);
        }
        try {
            return x86(cpuid.get(), evidence);
        } catch (IOException e) {
            evidence.add(Evidence.of("cpuid", cpuid.get().description(), "read failed: " + SystemRoot.describe(e)));
            return new ConfidentialGuest(ConfidentialGuest.NONE, false, evidence);
        }
    }

    private ConfidentialGuest x86(CpuidSource cpuid, List<Evidence> evidence) throws IOException {
        if ((cpuid.read(1).ecx() & HYPERVISOR_BIT) == 0) {
            evidence.add(Evidence.of("cpuid", "leaf 0x00000001 ECX bit 31", "clear: not a guest, so not a"
                    + " confidential one"));
            return none(evidence);
        }
        CpuidRegisters leaf0 = cpuid.read(0);
        String vendor = leaf0.vendor();
        if (vendor.equals("AuthenticAMD")) {
            return amd(cpuid, evidence);
        }
        if (vendor.equals("GenuineIntel")) {
            return intel(cpuid, leaf0, evidence);
        }
        evidence.add(Evidence.of("cpuid", "leaf 0x00000000", "vendor \"" + vendor + "\": neither SEV nor TDX is"
                + " looked for"));
        return none(evidence);
    }

    private ConfidentialGuest amd(CpuidSource cpuid, List<Evidence> evidence) throws IOException {
        int maxExtended = cpuid.read(0x80000000).eax();
        CpuidRegisters memory = Integer.compareUnsigned(maxExtended, AMD_MEMORY_ENCRYPTION) >= 0
                ? cpuid.read(AMD_MEMORY_ENCRYPTION) : CpuidRegisters.ZERO;
        if ((memory.eax() & 0b10) == 0) {
            evidence.add(Evidence.of("cpuid", "leaf 0x8000001F EAX bit 1", Integer.compareUnsigned(maxExtended,
                    AMD_MEMORY_ENCRYPTION) < 0 ? "no such leaf (the highest is " + UnitFactory.hex(maxExtended) + ")"
                    : "clear (EAX " + UnitFactory.hex(memory.eax()) + "): SEV not offered"));
            return hyperV(cpuid, 2, "sev-snp", evidence).orElseGet(() -> none(evidence));
        }
        evidence.add(Evidence.of("cpuid", "leaf 0x8000001F EAX bit 1", "set (EAX " + UnitFactory.hex(memory.eax())
                + "): SEV offered; SEV_STATUS says which kind runs"));
        ModelSpecificRegister.Reading status = ModelSpecificRegister.read(root, SEV_STATUS);
        if (status.value().isEmpty()) {
            evidence.add(Evidence.of("msr", ModelSpecificRegister.DEVICE + " 0xC0010131 (SEV_STATUS)",
                    status.failure() + ": whether SEV is active is unknown"));
            return new ConfidentialGuest(ConfidentialGuest.UNKNOWN, false, evidence);
        }
        long bits = status.value().getAsLong();
        String technology = (bits & 0b100) != 0 ? "sev-snp" : (bits & 0b10) != 0 ? "sev-es"
                : (bits & 0b1) != 0 ? "sev" : ConfidentialGuest.NONE;
        evidence.add(Evidence.of("msr", ModelSpecificRegister.DEVICE + " 0xC0010131 (SEV_STATUS)",
                String.format("0x%016x: %s", bits, technology.equals(ConfidentialGuest.NONE) ? "SEV not active"
                        : technology.toUpperCase(java.util.Locale.ROOT) + " active")));
        return new ConfidentialGuest(technology, false, evidence);
    }

    private ConfidentialGuest intel(CpuidSource cpuid, CpuidRegisters leaf0, List<Evidence> evidence)
            throws IOException {
        if (Integer.compareUnsigned(leaf0.eax(), INTEL_TDX) >= 0) {
            CpuidRegisters tdx = cpuid.read(INTEL_TDX);
            if (tdx.vendor().equals("IntelTDX    ")) {
                evidence.add(Evidence.of("cpuid", "leaf 0x00000021", "\"IntelTDX    \": a TDX trust domain"));
                return new ConfidentialGuest("tdx", false, evidence);
            }
            evidence.add(Evidence.of("cpuid", "leaf 0x00000021", "no TDX signature"));
        } else {
            evidence.add(Evidence.of("cpuid", "leaf 0x00000021", "beyond the highest basic leaf ("
                    + UnitFactory.hex(leaf0.eax()) + "): no TDX"));
        }
        return hyperV(cpuid, 3, "tdx", evidence).orElseGet(() -> none(evidence));
    }

    /**
     * Hyper-V's isolation, for a guest whose CPU leaves a paravisor hides: the technology when the isolation
     * type is {@code wanted}, or "vbs" for software isolation.
     */
    private Optional<ConfidentialGuest> hyperV(CpuidSource cpuid, int wanted, String technology,
                                               List<Evidence> evidence) throws IOException {
        CpuidRegisters base = cpuid.read(HYPERV_BASE);
        boolean hyperV = base.signature().equals("Microsoft Hv")
                && Integer.compareUnsigned(base.eax(), HYPERV_BASE + 5) >= 0
                && Integer.compareUnsigned(base.eax(), HYPERV_BASE + 0xFFFF) <= 0;
        if (!hyperV) {
            return Optional.empty();
        }
        int privileges = cpuid.read(HYPERV_BASE + 3).ebx();
        if ((privileges & (1 << 22)) == 0 || (privileges & (1 << 12)) != 0) {
            evidence.add(Evidence.of("cpuid", "leaf 0x40000003 EBX", UnitFactory.hex(privileges)
                    + ": not an isolated Hyper-V partition"));
            return Optional.empty();
        }
        CpuidRegisters isolation = cpuid.read(HYPERV_BASE + 0xC);
        int type = isolation.ebx() & 0xF;
        boolean paravisor = (isolation.eax() & 1) != 0;
        evidence.add(Evidence.of("cpuid", "leaf 0x4000000C", LeafDecoding.isolation(isolation)));
        if (type == wanted) {
            return Optional.of(new ConfidentialGuest(technology, paravisor, evidence));
        }
        if (type == 1) {
            return Optional.of(new ConfidentialGuest("vbs", paravisor, evidence));
        }
        return Optional.empty();
    }

    /** What the guest's own kernel shows: its confidential-guest drivers and CPU flag. */
    private void kernelSays(List<Evidence> evidence) {
        for (String node : List.of("/dev/sev-guest", "/dev/tdx_guest")) {
            if (root.exists(node)) {
                evidence.add(Evidence.of("devfs", node, "present: the kernel's "
                        + (node.contains("sev") ? "SEV-SNP" : "TDX") + " guest driver is bound"));
            }
        }
        root.read(CpuinfoFlag.CPUINFO).text().flatMap(text -> CpuinfoFlag.field(text, "flags"))
                .filter(flags -> (" " + flags + " ").contains(" tdx_guest "))
                .ifPresent(flags -> evidence.add(Evidence.of("cpuinfo", CpuinfoFlag.CPUINFO,
                        "tdx_guest flag: the kernel runs as a TDX guest")));
    }

    private static ConfidentialGuest none(List<Evidence> evidence) {
        return new ConfidentialGuest(ConfidentialGuest.NONE, false, evidence);
    }
}
