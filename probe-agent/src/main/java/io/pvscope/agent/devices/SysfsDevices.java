package io.pvscope.agent.devices;

import io.pvscope.agent.fs.SystemRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads the devices of one Linux bus from sysfs (/sys/bus/NAME/devices), sorted by name. */
public final class SysfsDevices {

    private final SystemRoot root;

    public SysfsDevices(SystemRoot root) {
        this.root = root;
    }

    public boolean busExists(String bus) {
        return root.exists("/sys/bus/" + bus);
    }

    public List<String> devices(String bus) {
        return root.list("/sys/bus/" + bus + "/devices").stream().sorted(SysfsDevices::naturalOrder).toList();
    }

    public Optional<String> attribute(String bus, String device, String name) {
        return root.read(devicePath(bus, device) + "/" + name).firstLine();
    }

    /** The bound Linux driver: the driver link's name, or DRIVER= in uevent. */
    public Optional<String> driver(String bus, String device) {
        Path link = root.resolve(devicePath(bus, device) + "/driver");
        try {
            if (Files.isSymbolicLink(link)) {
                return Optional.of(Files.readSymbolicLink(link).getFileName().toString());
            }
        } catch (IOException e) {
            // fall back to uevent
        }
        return root.read(devicePath(bus, device) + "/uevent").text().flatMap(text -> text.lines()
                .filter(line -> line.startsWith("DRIVER="))
                .map(line -> line.substring("DRIVER=".length()))
                .findFirst());
    }

    public static String devicePath(String bus, String device) {
        return "/sys/bus/" + bus + "/devices/" + device;
    }

    /** virtio2 before virtio10. */
    private static int naturalOrder(String a, String b) {
        String prefixA = a.replaceAll("\\d+$", "");
        String prefixB = b.replaceAll("\\d+$", "");
        if (prefixA.equals(prefixB) && a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }
}
