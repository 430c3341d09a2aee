package io.pvscope.agent.detect;

import io.pvscope.agent.fs.SystemRoot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Detection on Linux (or a captured Linux root): the kernel's CPUID view defines the units, sysfs adds
 * what CPUID cannot see, DMI and container markers are reported as evidence only. Never throws for a
 * missing or unreadable file: the reason goes into the evidence.
 */
public final class LinuxDetector {

    private final SystemRoot root;
    private final Clock clock;

    public LinuxDetector(SystemRoot root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    public DetectionReport detect() {
        List<Evidence> evidence = new ArrayList<>();
        CpuinfoFlag.read(root, evidence);
        S390Sysinfo.read(root, evidence);
        // The kernel's CPUID view is opened once: the units and the confidential probe both read it.
        Optional<CpuidSource> kernel = CpuidDeviceOpener.open(root, evidence);
        try {
            CpuidScanner scanner = new CpuidScanner(root);
            List<DetectedUnit> units = new ArrayList<>(scanner.scan(kernel, evidence));
            units.addAll(new DeviceTreeProbe(root).probe(units, evidence));
            XenProbe.Result xen = new XenProbe(root).probe(units, evidence);
            // Else the user-mode view, which the process shares and nobody closes.
            ConfidentialGuest confidential = new ConfidentialProbe(root)
                    .probe(kernel.isPresent() ? kernel : scanner.userModeSource());
            return new DetectionReport(numbered(xen.units()), new DmiReader(root).read(evidence), xen.role(),
                    new ContainerMarkers(root).detect(), confidential, evidence, clock.instant());
        } finally {
            kernel.ifPresent(LinuxDetector::closeQuietly);
        }
    }

    private static void closeQuietly(CpuidSource source) {
        try {
            source.close();
        } catch (java.io.IOException e) {
            // Only read through: there is nothing to lose.
        }
    }

    /** pvbus's numbering: known hypervisors in enum order, then the others in the order found. */
    static List<DetectedUnit> numbered(List<DetectedUnit> found) {
        List<DetectedUnit> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(LinuxDetector::pvbusOrder));
        List<DetectedUnit> numbered = new ArrayList<>();
        for (DetectedUnit unit : sorted) {
            numbered.add(unit.withUnit(numbered.size()));
        }
        return numbered;
    }

    private static int pvbusOrder(DetectedUnit unit) {
        return HypervisorSignature.byUnitName(unit.name()).map(Enum::ordinal).orElse(Integer.MAX_VALUE);
    }
}
