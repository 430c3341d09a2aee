package io.pvscope.agent.detect;

import io.pvscope.agent.fs.SystemRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What Linux shows of Xen besides CPUID: the unit of a PV guest (which has no CPUID window pvbus could
 * scan), the guest's role (dom0 or domU; HVM, PV or PVH), and the version and features Xen reports.
 * What it reads becomes evidence on the Xen unit; an empty xenbus, which any kernel with Xen support has, is
 * reported as general evidence and never makes a unit.
 */
final class XenProbe {

    static final String TYPE = "/sys/hypervisor/type";
    static final String GUEST_TYPE = "/sys/hypervisor/guest_type";
    static final String CAPABILITIES = "/proc/xen/capabilities";
    private static final String VERSION = "/sys/hypervisor/version/";
    private static final String FEATURES = "/sys/hypervisor/properties/features";
    /** The frontend bus (a guest's devices) and the backend bus (a driver domain's, e.g. dom0). */
    private static final List<String> XENBUSES = List.of("xen", "xen-backend");

    private final SystemRoot root;

    XenProbe(SystemRoot root) {
        this.root = root;
    }

    /** The units with the Xen unit completed (or added, for a PV guest), and the guest's role. */
    Result probe(List<DetectedUnit> units, List<Evidence> evidence) {
        SystemRoot.TextFile type = root.read(TYPE);
        Optional<String> typeName = type.firstLine();
        if (typeName.isPresent()) {
            evidence.add(Evidence.of("sysfs", TYPE, typeName.get()));
        } else if (!type.failure().equals("absent")) {
            evidence.add(Evidence.of("sysfs", TYPE, type.failure()));
        }
        Optional<DetectedUnit> cpuidXen = units.stream().filter(u -> u.name().equals("Xen")).findFirst();
        List<Evidence> xenEvidence = new ArrayList<>();
        boolean sysfsSaysXen = typeName.filter("xen"::equals).isPresent();
        if (sysfsSaysXen) {
            xenEvidence.add(Evidence.of("sysfs", TYPE, "xen"));
        }
        if (root.exists("/proc/xen")) {
            xenEvidence.add(Evidence.of("procfs", "/proc/xen", "present (the kernel makes this mount point only "
                    + "under Xen)"));
        }
        for (String bus : XENBUSES) {
            xenbusDevices(bus, xenEvidence, evidence);
        }
        if (cpuidXen.isEmpty() && xenEvidence.isEmpty()) {
            return new Result(units, GuestRole.UNSPECIFIED);
        }
        Optional<UnitVersion> version = version(xenEvidence);
        features(xenEvidence);
        GuestRole role = new GuestRole(domain(xenEvidence), mode(cpuidXen.map(DetectedUnit::foundBy), xenEvidence));

        List<DetectedUnit> completed = new ArrayList<>(units);
        if (cpuidXen.isPresent()) {
            completed.set(completed.indexOf(cpuidXen.get()), cpuidXen.get().withEvidence(xenEvidence));
        } else {
            xenEvidence.add(0, Evidence.of("sysfs", "units", "Xen without a CPUID window (a PV guest): unit from "
                    + "sysfs and procfs"));
            completed.add(new DetectedUnit(-1, "Xen", "", 0, 0, 0, version, "sysfs", xenEvidence));
        }
        return new Result(completed, role);
    }

    /**
     * A xenbus counts only when it holds devices. Every kernel built with Xen support registers both buses
     * at boot, Xen or not (xenbus_probe_frontend.c and xenbus_probe_backend.c call bus_register
     * unconditionally), so Debian's and Ubuntu's stock kernels show an empty /sys/bus/xen on KVM, VMware or
     * bare metal. Devices appear only once XenStore has answered, which needs Xen.
     */
    private void xenbusDevices(String bus, List<Evidence> xenEvidence, List<Evidence> evidence) {
        String path = "/sys/bus/" + bus;
        if (!root.exists(path)) {
            return;
        }
        List<String> devices = root.list(path + "/devices");
        if (devices.isEmpty()) {
            evidence.add(Evidence.of("sysfs", path, "registered with no devices: the kernel has Xen support, "
                    + "which is not evidence of Xen"));
            return;
        }
        xenEvidence.add(Evidence.of("sysfs", path + "/devices", devices.size() + (devices.size() == 1 ? " device"
                : " devices") + " (" + String.join(", ", devices.subList(0, Math.min(devices.size(), 4)))
                + (devices.size() > 4 ? ", …" : "") + "): xenbus devices exist only once XenStore answered"));
    }

    /** major.minor from sysfs; extra (e.g. ".3-pre") is only shown. */
    private Optional<UnitVersion> version(List<Evidence> evidence) {
        Optional<Integer> major = number(VERSION + "major");
        Optional<Integer> minor = number(VERSION + "minor");
        if (major.isEmpty() || minor.isEmpty()) {
            evidence.add(Evidence.of("sysfs", VERSION, "no version: " + root.read(VERSION + "major").failure()));
            return Optional.empty();
        }
        String extra = root.read(VERSION + "extra").firstLine().orElse("");
        evidence.add(Evidence.of("sysfs", VERSION + "{major,minor,extra}", "Xen " + major.get() + "." + minor.get()
                + extra));
        return Optional.of(new UnitVersion(major.get(), minor.get()));
    }

    private Optional<Integer> number(String path) {
        try {
            return root.read(path).firstLine().map(Integer::parseInt);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** XENVER_get_features as the kernel prints it (hex): the feature bits a PV driver may rely on. */
    private void features(List<Evidence> evidence) {
        SystemRoot.TextFile features = root.read(FEATURES);
        evidence.add(Evidence.of("sysfs", FEATURES, features.firstLine().map(XenProbe::describeFeatures)
                .orElse(features.failure())));
    }

    /** Names the bits (xen/include/public/features.h) that change how drivers work; the rest stay as the number. */
    static String describeFeatures(String hex) {
        long bits;
        try {
            bits = Long.parseUnsignedLong(hex.length() > 8 ? hex.substring(hex.length() - 8) : hex, 16);
        } catch (NumberFormatException e) {
            return "unparsable: " + hex;
        }
        List<String> named = new ArrayList<>();
        if ((bits & (1 << 2)) != 0) {
            named.add("auto_translated_physmap");
        }
        if ((bits & (1 << 8)) != 0) {
            named.add("hvm_callback_vector");
        }
        if ((bits & (1 << 11)) != 0) {
            named.add("dom0");
        }
        return String.format("0x%08x", bits) + (named.isEmpty() ? "" : " (" + String.join(", ", named) + ")");
    }

    private GuestRole.Domain domain(List<Evidence> evidence) {
        SystemRoot.TextFile capabilities = root.read(CAPABILITIES);
        if (capabilities.text().isPresent()) {
            boolean control = capabilities.text().get().contains("control_d");
            evidence.add(Evidence.of("procfs", CAPABILITIES, control ? "control_d: dom0"
                    : "no control_d: domU"));
            return control ? GuestRole.Domain.DOM0 : GuestRole.Domain.DOMU;
        }
        if (capabilities.failure().equals("absent")) {
            evidence.add(Evidence.of("procfs", CAPABILITIES,
                    "absent (xenfs not mounted): domU assumed, as dom0's toolstack needs xenfs"));
            return GuestRole.Domain.DOMU;
        }
        evidence.add(Evidence.of("procfs", CAPABILITIES, capabilities.failure() + ": dom0 or domU unknown"));
        return GuestRole.Domain.UNSPECIFIED;
    }

    /**
     * The kernel's own word (guest_type, Linux 4.13+) when it gives one. Otherwise a Xen CPUID window means
     * HVM and none means PV; that guess is weaker, as PVH guests have the window too and a PV kernel's
     * CPUID is emulated by Xen, so the evidence says which rule decided.
     */
    /** @param foundBy how the Xen unit was found before sysfs was read: "cpuid", "devicetree", or none */
    private GuestRole.Mode mode(Optional<String> foundBy, List<Evidence> evidence) {
        SystemRoot.TextFile guestType = root.read(GUEST_TYPE);
        Optional<String> named = guestType.firstLine();
        if (named.isPresent()) {
            GuestRole.Mode mode = switch (named.get().toUpperCase(Locale.ROOT)) {
                case "HVM" -> GuestRole.Mode.HVM;
                case "PV" -> GuestRole.Mode.PV;
                case "PVH" -> GuestRole.Mode.PVH;
                default -> GuestRole.Mode.UNSPECIFIED;
            };
            evidence.add(Evidence.of("sysfs", GUEST_TYPE, named.get()
                    + (mode == GuestRole.Mode.UNSPECIFIED ? " (not an x86 mode)" : "")));
            return mode;
        }
        if (foundBy.filter("devicetree"::equals).isPresent()) {
            evidence.add(Evidence.of("sysfs", GUEST_TYPE, guestType.failure()
                    + ": HVM, as every Xen guest on Arm is (there is no PV mode there)"));
            return GuestRole.Mode.HVM;
        }
        boolean cpuidWindow = foundBy.isPresent();
        evidence.add(Evidence.of("sysfs", GUEST_TYPE, guestType.failure() + (cpuidWindow
                ? ": HVM inferred from the Xen CPUID window (PVH looks the same without guest_type)"
                : ": PV inferred from the missing Xen CPUID window")));
        return cpuidWindow ? GuestRole.Mode.HVM : GuestRole.Mode.PV;
    }

    /** The units after Xen's evidence was added, and the role. */
    record Result(List<DetectedUnit> units, GuestRole role) {
    }
}
