package io.pvscope.agent.openbsd;

import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.detect.ConfidentialGuest;
import io.pvscope.agent.detect.ContainerInfo;
import io.pvscope.agent.detect.DetectedUnit;
import io.pvscope.agent.detect.DetectionReport;
import io.pvscope.agent.detect.Evidence;
import io.pvscope.agent.detect.GuestRole;
import io.pvscope.agent.detect.Platform;
import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.detect.UnitVersion;
import io.pvscope.agent.tree.GuestSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Detection on OpenBSD. On the running system the kernel names the units (PVBUSIOC_TYPE on each
 * /dev/pvbusN) and /var/run/dmesg.boot adds versions and the device tree; a captured root replays the
 * dmesg alone, so a guest from a bug report can be looked at anywhere.
 */
public final class OpenBsdDetector {

    public static final String DMESG_SOURCE = "dmesg";
    public static final String IOCTL_SOURCE = PvbusUnits.SOURCE;

    private static final ContainerInfo NO_CONTAINER = new ContainerInfo(false, "", List.of());
    /** Neither pvbus(4) nor the dmesg says whether an OpenBSD guest is a confidential one: nothing is guessed. */
    private static final ConfidentialGuest NOT_LOOKED_FOR = new ConfidentialGuest(ConfidentialGuest.NONE, false,
            List.of(Evidence.of("dmesg", "confidential computing", "not looked for on OpenBSD")));

    private final SystemRoot root;
    private final Optional<PvbusUnits> kernel;
    private final Clock clock;

    public OpenBsdDetector(SystemRoot root, Optional<PvbusUnits> kernel, Clock clock) {
        this.root = root;
        this.kernel = kernel;
        this.clock = clock;
    }

    /** A captured OpenBSD guest: its saved dmesg and no Linux /proc. */
    public static boolean isCapture(SystemRoot root) {
        return !root.isLive() && root.exists(OpenBsdDmesg.PATH) && !root.exists("/proc");
    }

    /** The agent runs on OpenBSD itself, looking at the live system. */
    public static boolean isRunningOpenBsd(SystemRoot root) {
        return root.isLive() && "OpenBSD".equals(System.getProperty("os.name"));
    }

    public static OpenBsdDetector replay(SystemRoot root, Clock clock) {
        return new OpenBsdDetector(root, Optional.empty(), clock);
    }

    public static OpenBsdDetector live(SystemRoot root, Clock clock) {
        return new OpenBsdDetector(root, Optional.of(PvbusUnits.system()), clock);
    }

    public GuestSnapshot detect() {
        List<Evidence> evidence = new ArrayList<>();
        OpenBsdDmesg dmesg = readDmesg(evidence);
        List<DetectedUnit> units = kernel.isPresent() ? fromKernel(kernel.get(), dmesg, evidence) : fromDmesg(dmesg);
        DetectionReport report = new DetectionReport(units, Platform.UNKNOWN, GuestRole.UNSPECIFIED, NO_CONTAINER,
                NOT_LOOKED_FOR, evidence, clock.instant());
        return new GuestSnapshot(report, new DmesgDeviceTree(dmesg).build(units));
    }

    private OpenBsdDmesg readDmesg(List<Evidence> evidence) {
        SystemRoot.TextFile file = root.read(OpenBsdDmesg.PATH);
        if (file.text().isEmpty()) {
            evidence.add(dmesgEvidence(file.failure()));
            return OpenBsdDmesg.parse("");
        }
        OpenBsdDmesg dmesg = OpenBsdDmesg.parse(file.text().get());
        DmesgBoot boot = dmesg.boot();
        evidence.add(dmesgEvidence("boot " + boot.number() + " of " + boot.count()
                + (boot.banner().isEmpty() ? " (no kernel banner)" : ": " + boot.banner())));
        if (dmesg.pvbusLine().isEmpty()) {
            evidence.add(dmesgEvidence("no pvbus0 line: pvbus did not attach (no hypervisor signature)"));
        }
        // The firmware's identity, as the kernel printed it: OpenBSD has no DMI files to read.
        dmesg.linesOf("bios0").forEach(line -> evidence.add(dmesgEvidence(line)));
        return dmesg;
    }

    private static List<DetectedUnit> fromDmesg(OpenBsdDmesg dmesg) {
        List<DetectedUnit> units = new ArrayList<>();
        for (DmesgUnit unit : dmesg.units()) {
            units.add(new DetectedUnit(units.size(), unit.name(), "", 0, 0, 0, unit.version(), DMESG_SOURCE,
                    dmesgEvidence(dmesg, unit.name())));
        }
        return units;
    }

    private static List<DetectedUnit> fromKernel(PvbusUnits kernel, OpenBsdDmesg dmesg, List<Evidence> evidence) {
        List<PvbusUnit> found = kernel.enumerate(evidence);
        List<String> kernelNames = found.stream().map(PvbusUnit::type).toList();
        List<String> dmesgNames = dmesg.units().stream().map(DmesgUnit::name).toList();
        if (!dmesgNames.isEmpty() && !dmesgNames.equals(kernelNames)) {
            evidence.add(new Evidence(DMESG_SOURCE, OpenBsdDmesg.PATH, "dmesg names " + dmesgNames
                    + " but the kernel's devices name " + kernelNames, true));
        }
        List<DetectedUnit> units = new ArrayList<>();
        for (PvbusUnit unit : found) {
            List<Evidence> unitEvidence = new ArrayList<>();
            unitEvidence.add(Evidence.of(IOCTL_SOURCE, unit.device(), "PVBUSIOC_TYPE: " + unit.type()));
            unitEvidence.addAll(dmesgEvidence(dmesg, unit.type()));
            Optional<UnitVersion> version = dmesg.units().stream().filter(u -> u.name().equals(unit.type()))
                    .findFirst().flatMap(DmesgUnit::version);
            units.add(new DetectedUnit(unit.number(), unit.type(), "", 0, 0, 0, version, IOCTL_SOURCE, unitEvidence));
        }
        return units;
    }

    /** pvbus0's line and the attach lines of the unit's drivers, where the dmesg names the unit. */
    private static List<Evidence> dmesgEvidence(OpenBsdDmesg dmesg, String unitName) {
        if (dmesg.units().stream().noneMatch(u -> u.name().equals(unitName))) {
            return List.of();
        }
        List<String> present = dmesg.units().stream().map(DmesgUnit::name).toList();
        List<Evidence> evidence = new ArrayList<>();
        dmesg.pvbusLine().ifPresent(line -> evidence.add(dmesgEvidence(line.line())));
        for (AttachLine child : dmesg.childrenOf("pvbus0")) {
            if (PvbusChildren.unitOf(child.driver(), present).filter(unitName::equals).isPresent()) {
                evidence.add(dmesgEvidence(child.line()));
            }
        }
        if (unitName.equals("OpenBSD")) {
            // vmm's control device is a virtio child, not a pvbus one, but it is what says "vmd is the host".
            dmesg.attachedBy("vmmci").forEach(line -> evidence.add(dmesgEvidence(line.line())));
        }
        return evidence;
    }

    private static Evidence dmesgEvidence(String seen) {
        return Evidence.of(DMESG_SOURCE, OpenBsdDmesg.PATH, seen);
    }
}
