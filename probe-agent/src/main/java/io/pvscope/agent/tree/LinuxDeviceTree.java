package io.pvscope.agent.tree;

import io.pvscope.agent.detect.DetectedUnit;
import io.pvscope.agent.detect.DetectionReport;
import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.devices.DecodedDevice;
import io.pvscope.agent.devices.DeviceProblem;
import io.pvscope.agent.devices.SysfsDevices;
import io.pvscope.agent.devices.virtio.VirtioDevice;
import io.pvscope.agent.devices.virtio.VirtioDevices;
import io.pvscope.agent.devices.virtio.VirtioStatus;
import io.pvscope.agent.devices.vmbus.VmbusDevice;
import io.pvscope.agent.devices.vmbus.VmbusDevices;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds mainbus0 → pvbus0 → units → devices from Linux sysfs, naming devices after the OpenBSD drivers a
 * pv driver developer knows (netvsc → hvn, storvsc → hvs, vif → xnf, vbd → xbf, kvm-clock → pvclock).
 */
public final class LinuxDeviceTree {

    /** VMBus class GUIDs of the synthetic NIC and SCSI controller. */
    private static final String NETVSC_CLASS = "{f8615163-df3e-46c5-913f-f2d2f965ed0e}";
    private static final String STORVSC_CLASS = "{ba6163d9-04a1-4d29-b605-72e2ffb1dc7f}";

    /** Virtio device ids (virtio spec §5) to OpenBSD's drivers. */
    private static final Map<Integer, String> VIRTIO_DRIVERS = Map.of(
            1, "vio", 2, "vioblk", 3, "viocon", 4, "viornd", 5, "viomb", 8, "vioscsi", 16, "viogpu");

    private static final String[] VMWARE_TOOLS = {"/usr/bin/vmware-rpctool", "/usr/bin/vmtoolsd"};

    /** Kernel modules that talk to VMware through the backdoor port, as vmt(4) does. */
    private static final String[] VMWARE_BACKDOOR_MODULES = {"vmw_balloon", "vmwgfx"};

    /** Hypervisors whose guests get virtio devices; these are listed under the first one present. */
    private static final List<String> VIRTIO_HOSTS = List.of("KVM", "bhyve", "OpenBSD");

    private final SystemRoot root;
    private final SysfsDevices sysfs;
    private final NodeNamer namer = new NodeNamer();

    public LinuxDeviceTree(SystemRoot root) {
        this.root = root;
        this.sysfs = new SysfsDevices(root);
    }

    /** The unit virtio devices are listed under: the first hypervisor whose guests get them, or -1. */
    public static int virtioUnit(DetectionReport report) {
        return report.units().stream().filter(u -> VIRTIO_HOSTS.contains(u.name()))
                .mapToInt(DetectedUnit::unit).findFirst().orElse(-1);
    }

    public DeviceNode build(DetectionReport report) {
        int virtioUnit = virtioUnit(report);
        List<DeviceNode> units = new ArrayList<>();
        for (DetectedUnit unit : report.units()) {
            units.add(unitNode(unit, unit.unit() == virtioUnit));
        }
        Map<String, String> pvbusAttributes = new LinkedHashMap<>();
        pvbusAttributes.put("units", String.valueOf(report.units().size()));
        DeviceNode pvbus = new DeviceNode("pvbus0", "pvbus", -1, "cpuid", pvbusAttributes, units);
        return new DeviceNode("mainbus0", "mainbus", -1, "/", Map.of(),
                report.units().isEmpty() ? List.of() : List.of(pvbus));
    }

    private DeviceNode unitNode(DetectedUnit unit, boolean listsVirtio) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("device", "/dev/pvbus" + unit.unit());
        if (!unit.signature().isEmpty()) {
            attributes.put("signature", unit.signature());
            attributes.put("base", String.format("0x%08x", unit.base()));
            attributes.put("features", String.format("0x%08x", unit.features()));
        }
        unit.version().ifPresent(v -> attributes.put("version", v.toString()));
        attributes.put("found by", unit.foundBy());
        List<DeviceNode> children = new ArrayList<>(switch (unit.name()) {
            case "KVM" -> pvclock(unit.unit());
            case "Hyper-V" -> hyperVDevices(unit.unit());
            case "Xen" -> xenDevices(unit.unit());
            case "VMware" -> vmwareDevices(unit.unit());
            default -> List.<DeviceNode>of();
        });
        if (listsVirtio) {
            children.addAll(virtioDevices(unit.unit()));
        }
        return new DeviceNode(unit.name(), unit.name().toLowerCase(java.util.Locale.ROOT), unit.unit(),
                "/dev/pvbus" + unit.unit(), attributes, children);
    }

    private List<DeviceNode> pvclock(int unit) {
        List<DeviceNode> nodes = new ArrayList<>();
        String clocksources = "/sys/devices/system/clocksource/clocksource0/available_clocksource";
        Optional<String> available = root.read(clocksources).firstLine();
        if (available.isPresent() && List.of(available.get().split("\\s+")).contains("kvm-clock")) {
            String current = root.read("/sys/devices/system/clocksource/clocksource0/current_clocksource")
                    .firstLine().orElse("");
            nodes.add(new DeviceNode(namer.name("pvclock"), "pvclock", unit, clocksources,
                    Map.of("linux clocksource", "kvm-clock", "in use", String.valueOf(current.equals("kvm-clock"))),
                    List.of()));
        }
        return nodes;
    }

    private List<DeviceNode> virtioDevices(int unit) {
        List<DeviceNode> nodes = new ArrayList<>();
        VirtioDevices decoder = new VirtioDevices(root);
        for (String device : sysfs.devices("virtio")) {
            // One read of the device's files: the decoded device has its ID and bound driver already.
            Optional<VirtioDevice> decoded = decoder.read(device);
            int id = decoded.map(VirtioDevice::deviceId).orElse(-1);
            String driver = VIRTIO_DRIVERS.getOrDefault(id, "virtio");
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("virtio device id", String.valueOf(id));
            (decoded.isPresent() ? decoded.get().driver() : sysfs.driver("virtio", device))
                    .ifPresent(d -> attributes.put("linux driver", d));
            decoded.ifPresent(virtio -> describe(virtio, attributes));
            nodes.add(new DeviceNode(namer.name(driver), driver, unit, SysfsDevices.devicePath("virtio", device),
                    attributes, List.of(), decoded.map(DecodedDevice.class::cast)));
        }
        return nodes;
    }

    /** The decoded state in a few words, for the one-line tree and the Properties view. */
    private static void describe(VirtioDevice virtio, Map<String, String> attributes) {
        attributes.put("type", virtio.typeName());
        virtio.status().ifPresent(status -> attributes.put("status", String.format("0x%02x %s", status,
                String.join(",", VirtioStatus.names(status)))));
        virtio.features().ifPresent(bits -> attributes.put("features", bits.size() + " negotiated"));
        problems(virtio, attributes);
    }

    private static void problems(DecodedDevice device, Map<String, String> attributes) {
        if (!device.problems().isEmpty()) {
            attributes.put("problems", device.problems().stream().map(DeviceProblem::code)
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    private List<DeviceNode> hyperVDevices(int unit) {
        if (!sysfs.busExists("vmbus")) {
            return List.of();
        }
        List<DeviceNode> children = new ArrayList<>();
        List<String> services = new ArrayList<>();
        List<VmbusDevice> devices = new VmbusDevices(root).read();
        for (VmbusDevice device : devices) {
            String driver = switch (device.classId()) {
                case NETVSC_CLASS -> "hvn";
                case STORVSC_CLASS -> "hvs";
                default -> null;
            };
            if (driver == null) {
                services.add(device.className());
                continue;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("class id", device.classId());
            device.driver().ifPresent(d -> attributes.put("linux driver", d));
            device.stateName().ifPresent(state -> attributes.put("channel state", state));
            attributes.put("channels", String.valueOf(device.channels().size()));
            problems(device, attributes);
            children.add(new DeviceNode(namer.name(driver), driver, unit,
                    SysfsDevices.devicePath("vmbus", device.instance()), attributes, List.of(), Optional.of(device)));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("vmbus devices", String.valueOf(devices.size()));
        if (!services.isEmpty()) {
            attributes.put("other devices", String.join(", ", services));
        }
        return List.of(new DeviceNode(namer.name("hyperv"), "hyperv", unit, "/sys/bus/vmbus", attributes, children));
    }

    private List<DeviceNode> xenDevices(int unit) {
        if (!sysfs.busExists("xen")) {
            return List.of();
        }
        List<DeviceNode> children = new ArrayList<>();
        for (String device : sysfs.devices("xen")) {
            String driver = device.startsWith("vif-") ? "xnf" : device.startsWith("vbd-") ? "xbf" : null;
            if (driver != null) {
                Map<String, String> attributes = new LinkedHashMap<>();
                sysfs.attribute("xen", device, "nodename").ifPresent(n -> attributes.put("xenstore node", n));
                sysfs.driver("xen", device).ifPresent(d -> attributes.put("linux driver", d));
                children.add(new DeviceNode(namer.name(driver), driver, unit, SysfsDevices.devicePath("xen", device),
                        attributes, List.of()));
            }
        }
        return List.of(new DeviceNode(namer.name("xen"), "xen", unit, "/sys/bus/xen", Map.of(), children));
    }

    /** vmt0 when something in the guest is seen using the backdoor: open-vm-tools or a kernel module. */
    private List<DeviceNode> vmwareDevices(int unit) {
        for (String tool : VMWARE_TOOLS) {
            if (Files.isExecutable(root.resolve(tool)) || Files.isRegularFile(root.resolve(tool))) {
                return List.of(new DeviceNode(namer.name("vmt"), "vmt", unit, tool,
                        Map.of("backdoor via", "open-vm-tools"), List.of()));
            }
        }
        for (String module : VMWARE_BACKDOOR_MODULES) {
            String path = "/sys/module/" + module;
            if (root.exists(path)) {
                return List.of(new DeviceNode(namer.name("vmt"), "vmt", unit, path,
                        Map.of("backdoor via", module + " (kernel module)"), List.of()));
            }
        }
        return List.of();
    }
}
