package io.pvscope.agent.detect;

import io.pvscope.agent.fs.SystemRoot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hypervisors of guests without CPUID (arm64, PowerPC, RISC-V), from the device tree the firmware hands the
 * kernel ({@code /proc/device-tree}, the same as {@code /sys/firmware/devicetree/base}): the
 * {@code /hypervisor} node's {@code compatible} list names Xen ({@code xen,xen-4.17}, {@code xen,xen}; the
 * Xen on Arm binding), KVM ({@code linux,kvm}; ePAPR's binding, used by PowerPC KVM) or VMware. Where there
 * is no such node, KVM's own paravirtual clock ({@code ptp_kvm}, reached through KVM's hypercalls) still
 * shows the KVM interface; QEMU's {@code fw-cfg} node and PowerVM's partition properties are reported as
 * evidence only, as they name a machine, not an interface a driver can attach to.
 */
final class DeviceTreeProbe {

    static final String DEVICE_TREE = "/proc/device-tree";
    static final String COMPATIBLE = DEVICE_TREE + "/hypervisor/compatible";
    static final String PTP_CLASS = "/sys/class/ptp";

    private static final Pattern XEN_VERSION = Pattern.compile("xen,xen-(\\d+)\\.(\\d+)");

    private final SystemRoot root;

    DeviceTreeProbe(SystemRoot root) {
        this.root = root;
    }

    /** The units the device tree (or KVM's clock) shows that CPUID did not find. */
    List<DetectedUnit> probe(List<DetectedUnit> found, List<Evidence> evidence) {
        List<DetectedUnit> units = new ArrayList<>();
        SystemRoot.TextFile compatible = root.read(COMPATIBLE);
        if (compatible.text().isPresent()) {
            List<String> names = Arrays.stream(compatible.text().get().split("\0"))
                    .map(String::strip).filter(name -> !name.isEmpty()).toList();
            Evidence seen = Evidence.of("devicetree", COMPATIBLE, String.join(", ", names));
            unitFor(names, seen).filter(unit -> absent(found, unit.name())).ifPresentOrElse(units::add,
                    () -> evidence.add(seen));
        } else if (root.exists(DEVICE_TREE)) {
            machineClues(evidence);
        }
        kvmClock().filter(clock -> absent(found, "KVM") && absent(units, "KVM")).ifPresent(units::add);
        return units;
    }

    private static Optional<DetectedUnit> unitFor(List<String> names, Evidence seen) {
        for (String name : names) {
            Matcher version = XEN_VERSION.matcher(name);
            if (version.matches() || name.equals("xen,xen")) {
                Optional<UnitVersion> known = version.matches() ? Optional.of(new UnitVersion(
                        Integer.parseInt(version.group(1)), Integer.parseInt(version.group(2)))) : Optional.empty();
                return Optional.of(unit("Xen", known, seen));
            }
            if (name.equals("linux,kvm")) {
                return Optional.of(unit("KVM", Optional.empty(), seen));
            }
            if (name.contains("vmware")) {
                return Optional.of(unit("VMware", Optional.empty(), seen));
            }
        }
        List<Evidence> evidence = List.of(seen, Evidence.of("devicetree", "units",
                "a hypervisor node pvbus does not know: an unknown unit"));
        return Optional.of(new DetectedUnit(-1, "unknown", "", 0, 0, 0, Optional.empty(), "devicetree", evidence));
    }

    private static DetectedUnit unit(String name, Optional<UnitVersion> version, Evidence seen) {
        return new DetectedUnit(-1, name, "", 0, 0, 0, version, "devicetree", List.of(seen));
    }

    /** KVM's PTP clock: the kernel registers it only after KVM's hypervisor services answered. */
    private Optional<DetectedUnit> kvmClock() {
        for (String clock : root.list(PTP_CLASS)) {
            String path = PTP_CLASS + "/" + clock + "/clock_name";
            if (root.read(path).firstLine().filter("KVM virtual PTP"::equals).isPresent()) {
                return Optional.of(new DetectedUnit(-1, "KVM", "", 0, 0, 0, Optional.empty(), "sysfs",
                        List.of(Evidence.of("sysfs", path, "KVM virtual PTP: ptp_kvm reached KVM's hypervisor"
                                + " services"))));
            }
        }
        return Optional.empty();
    }

    /** No hypervisor node: what the tree says about the machine, as systemd's device-tree check reads it. */
    private void machineClues(List<Evidence> evidence) {
        List<String> top = root.list(DEVICE_TREE);
        top.stream().filter(name -> name.contains("fw-cfg")).findFirst().ifPresent(node -> evidence.add(
                Evidence.of("devicetree", DEVICE_TREE + "/" + node, "QEMU's fw-cfg: a QEMU machine (KVM or TCG"
                        + " underneath; no interface a pvbus driver attaches to)")));
        if (top.contains("ibm,partition-name") && top.contains("hmc-managed?")
                && !root.exists(DEVICE_TREE + "/chosen/qemu,graphic-width")) {
            evidence.add(Evidence.of("devicetree", DEVICE_TREE + "/ibm,partition-name",
                    "an HMC-managed PowerVM partition"));
        }
        if (evidence.stream().noneMatch(e -> e.source().equals("devicetree"))) {
            evidence.add(Evidence.of("devicetree", COMPATIBLE, "absent: no hypervisor node"));
        }
    }

    private static boolean absent(List<DetectedUnit> units, String name) {
        return units.stream().noneMatch(unit -> unit.name().equals(name));
    }
}
