package io.pvscope.agent.detect;

import io.pvscope.agent.fs.SystemRoot;
import java.util.List;
import java.util.Optional;

/**
 * s390x guests have no CPUID; the machine's own description, /proc/sysinfo, names each hypervisor level
 * ("VM00 Control Program: KVM/Linux" or "z/VM 7.3.0") and the LPAR below them. It is reported as evidence
 * and makes no unit: nothing on s390 is a pvbus interface (no signature, no pvbus driver, no store).
 */
final class S390Sysinfo {

    static final String SYSINFO = "/proc/sysinfo";

    private S390Sysinfo() {
    }

    static void read(SystemRoot root, List<Evidence> evidence) {
        SystemRoot.TextFile sysinfo = root.read(SYSINFO);
        if (sysinfo.text().isEmpty()) {
            if (!sysinfo.failure().equals("absent")) {
                evidence.add(Evidence.of("sysinfo", SYSINFO, sysinfo.failure()));
            }
            return;
        }
        String text = sysinfo.text().get();
        List<String> programs = text.lines()
                .filter(line -> line.matches("VM\\d\\d Control Program:.*"))
                .map(line -> line.substring(0, 4) + " " + value(line))
                .toList();
        Optional<String> lpar = text.lines().filter(line -> line.startsWith("LPAR Name:")).map(S390Sysinfo::value)
                .findFirst();
        if (programs.isEmpty()) {
            evidence.add(Evidence.of("sysinfo", SYSINFO, lpar.map(name -> "LPAR " + name + ", no hypervisor level "
                    + "above it: runs directly in the logical partition").orElse("no VM levels listed")));
            return;
        }
        evidence.add(Evidence.of("sysinfo", SYSINFO, "s390 guest of " + String.join(", ", programs)
                + lpar.map(name -> " in LPAR " + name).orElse("")
                + "; s390 has no CPUID, so no pvbus unit"));
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " ");
    }
}
