package io.pvscope.agent.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.util.JsonFormat;
import io.pvscope.proto.v1.Device;
import io.pvscope.proto.v1.FeatureBit;
import io.pvscope.proto.v1.VirtioDevice;
import io.pvscope.testsupport.guest.QemuGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The virtio devices of a real QEMU guest (Debian's stock kernel, its own drivers) decoded by the packaged
 * agent inside it: network, block, SCSI, console, entropy, balloon, 9P, input and GPU, each bound by its
 * Linux driver and at DRIVER_OK, with feature bits the specification names for that type.
 */
class VirtioGuestIT {

    private static final Path AGENT_JAR = Path.of("target/pvscope-agent.jar");
    private static final List<String> DRIVERS = List.of("virtio_blk", "virtio_scsi", "virtio_console", "virtio_input",
            "virtio_gpu", "virtio_rng", "virtio_balloon");

    @Test
    void everyVirtioDeviceQemuAddsIsDecodedByTypeStatusAndFeatures() throws Exception {
        Optional<String> unavailable = QemuGuest.unavailableReason();
        assumeTrue(unavailable.isEmpty(), () -> "no QEMU guest here: " + unavailable.orElse(""));
        Path work = Path.of("target/guest-virtio").toAbsolutePath();
        Files.createDirectories(work);
        Files.deleteIfExists(work.resolve("devices.json"));
        Path jar = Files.copy(AGENT_JAR, work.resolve("pvscope-agent.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path disk = work.resolve("disk.img");
        Files.write(disk, new byte[1 << 20]);
        String java = QemuGuest.hostJava();
        List<String> command = List.of("sh", "-c", "for m in " + String.join(" ", DRIVERS) + "; do modprobe $m; done;"
                + " sleep 2; " + java + " -jar " + jar + " devices --local --json > devices.json");
        List<String> devices = List.of("-drive", "file=" + disk + ",if=none,id=disk0,format=raw",
                "-device", "virtio-blk-pci,drive=disk0", "-device", "virtio-scsi-pci", "-device", "virtio-serial-pci",
                "-device", "virtio-keyboard-pci", "-device", "virtio-gpu-pci");

        List<VirtioDevice> found = run(work, command, devices);
        if (found == null) {
            System.err.println("VirtioGuestIT: the guest's JVM crashed under emulation; booting again");
            found = run(work, command, devices);
        }
        assertThat(found).as("the JVM in the guest crashed twice").isNotNull();

        Map<String, VirtioDevice> byType = found.stream()
                .collect(Collectors.toMap(VirtioDevice::getTypeName, device -> device, (a, b) -> a));
        assertThat(byType).containsKeys("network device", "block device", "SCSI host", "console", "entropy source",
                "memory balloon (traditional)", "9P transport", "input device", "GPU device");
        assertThat(found).allSatisfy(device -> {
            assertThat(device.getDriver()).as(device.getKernelName() + " bound").isNotEmpty();
            assertThat(device.getStatusNamesList()).as(device.getTypeName()).contains("DRIVER_OK", "FEATURES_OK");
            assertThat(names(device)).as(device.getTypeName()).contains("VIRTIO_F_VERSION_1");
        });
        assertThat(names(byType.get("network device"))).contains("VIRTIO_NET_F_MAC");
        assertThat(names(byType.get("9P transport"))).contains("VIRTIO_9P_MOUNT_TAG");
        assertThat(names(byType.get("block device"))).anyMatch(name -> name.startsWith("VIRTIO_BLK_F_"));
        assertThat(names(byType.get("SCSI host"))).anyMatch(name -> name.startsWith("VIRTIO_SCSI_F_"));
        assertThat(names(byType.get("GPU device"))).anyMatch(name -> name.startsWith("VIRTIO_GPU_F_"));
        System.out.println("VirtioGuestIT: " + found.stream().map(device -> device.getTypeName() + " "
                + names(device)).collect(Collectors.joining("; ")));
    }

    /** Boots the guest and reads what the agent printed; null when the guest's JVM crashed. */
    private static List<VirtioDevice> run(Path work, List<String> command, List<String> devices) throws Exception {
        try (QemuGuest guest = QemuGuest.start(work, List.of(), command, devices)) {
            Optional<Integer> exit = guest.awaitExit(5, TimeUnit.MINUTES);
            if (guest.jvmCrashed(exit, work.resolve("devices.json"))) {
                return null;
            }
            assertThat(exit).as("guest console:%n%s%nstderr:%n%s", guest.console(), guest.stderr()).contains(0);
            List<VirtioDevice> found = new ArrayList<>();
            for (String line : Files.readAllLines(work.resolve("devices.json"))) {
                Device.Builder device = Device.newBuilder();
                JsonFormat.parser().merge(line, device);
                if (device.getState().hasVirtio()) {
                    found.add(device.getState().getVirtio());
                }
            }
            return found;
        }
    }

    private static List<String> names(VirtioDevice device) {
        return device.getFeaturesList().stream().map(FeatureBit::getName).toList();
    }
}
