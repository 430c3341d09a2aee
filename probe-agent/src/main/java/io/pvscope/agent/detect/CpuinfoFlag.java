package io.pvscope.agent.detect;

import io.pvscope.agent.fs.SystemRoot;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's summary in /proc/cpuinfo: on x86 the "hypervisor" flag (CPUID leaf 1 ECX bit 31 as the kernel
 * saw it at boot); on other architectures there is no such flag, and the evidence says which CPU it is instead.
 */
final class CpuinfoFlag {

    static final String CPUINFO = "/proc/cpuinfo";

    private CpuinfoFlag() {
    }

    static void read(SystemRoot root, List<Evidence> evidence) {
        SystemRoot.TextFile cpuinfo = root.read(CPUINFO);
        if (cpuinfo.text().isEmpty()) {
            evidence.add(Evidence.of("cpuinfo", cpuinfo.path(), cpuinfo.failure()));
            return;
        }
        String text = cpuinfo.text().get();
        Optional<String> flags = field(text, "flags");
        if (flags.isEmpty()) {
            String vendor = field(text, "vendor_id").orElse("unknown");
            evidence.add(Evidence.of("cpuinfo", cpuinfo.path(), "no x86 flags line (vendor_id " + vendor
                    + "): not an x86 CPU, so no CPUID hypervisor range"));
            return;
        }
        boolean flagged = (" " + flags.get() + " ").contains(" hypervisor ");
        evidence.add(Evidence.of("cpuinfo", cpuinfo.path(), flagged ? "hypervisor flag set" : "no hypervisor flag"));
    }

    /** The value of the first "name : value" line, as the first CPU reports it. */
    static Optional<String> field(String cpuinfo, String name) {
        return cpuinfo.lines()
                .filter(line -> line.startsWith(name) && line.indexOf(':') > 0
                        && line.substring(0, line.indexOf(':')).trim().equals(name))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst();
    }
}
