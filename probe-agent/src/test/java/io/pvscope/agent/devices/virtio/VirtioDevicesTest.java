package io.pvscope.agent.devices.virtio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.fs.SystemRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * virtio devices decoded from sysfs: a capture of this machine's devices (network, block, balloon, vsock,
 * entropy) with each set bit's name checked against the number the virtio specification gives it, and the
 * live /sys/bus/virtio of the machine the test runs on.
 */
class VirtioDevicesTest {

    private final List<VirtioDevice> captured = new VirtioDevices(FakeRoots.root("virtio-this-machine")).read();

    @Test
    void everyCapturedDeviceIsNamedByItsSpecificationType() {
        assertThat(captured).extracting(VirtioDevice::name, VirtioDevice::deviceId, VirtioDevice::typeName)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("virtio0", 5, "memory balloon (traditional)"),
                        org.assertj.core.groups.Tuple.tuple("virtio1", 2, "block device"),
                        org.assertj.core.groups.Tuple.tuple("virtio2", 1, "network device"),
                        org.assertj.core.groups.Tuple.tuple("virtio3", 19, "socket device (vsock)"),
                        org.assertj.core.groups.Tuple.tuple("virtio4", 4, "entropy source"));
        assertThat(captured).allSatisfy(device -> {
            assertThat(device.vendor()).isEqualTo(0x1af4);
            assertThat(device.status()).contains(0x0f);
            assertThat(device.problems()).isEmpty();
        });
        assertThat(captured.get(2).driver()).contains("virtio_net");
        assertThat(VirtioStatus.names(0x0f)).containsExactly("ACKNOWLEDGE", "DRIVER", "FEATURES_OK", "DRIVER_OK");
    }

    @Test
    void theNetworkDevicesBitsAreNamedAsTheSpecificationNumbersThem() {
        // virtio 1.2, 5.1.3 and 6: the bits set in this machine's virtio_net features file.
        assertThat(names(captured.get(2))).containsExactly(
                "0 VIRTIO_NET_F_CSUM", "1 VIRTIO_NET_F_GUEST_CSUM", "5 VIRTIO_NET_F_MAC", "7 VIRTIO_NET_F_GUEST_TSO4",
                "8 VIRTIO_NET_F_GUEST_TSO6", "10 VIRTIO_NET_F_GUEST_UFO", "11 VIRTIO_NET_F_HOST_TSO4",
                "12 VIRTIO_NET_F_HOST_TSO6", "14 VIRTIO_NET_F_HOST_UFO", "15 VIRTIO_NET_F_MRG_RXBUF",
                "29 VIRTIO_F_EVENT_IDX", "32 VIRTIO_F_VERSION_1");
    }

    @Test
    void theBlockDevicesBitsAreNamedAsTheSpecificationNumbersThem() {
        // virtio 1.2, 5.2.3 and 6.
        assertThat(names(captured.get(1))).containsExactly(
                "2 VIRTIO_BLK_F_SEG_MAX", "6 VIRTIO_BLK_F_BLK_SIZE", "9 VIRTIO_BLK_F_FLUSH", "10 VIRTIO_BLK_F_TOPOLOGY",
                "13 VIRTIO_BLK_F_DISCARD", "29 VIRTIO_F_EVENT_IDX", "32 VIRTIO_F_VERSION_1");
    }

    @Test
    void aBitNoTableNamesIsKeptAsItsNumber() {
        // The balloon's bit 7 is not in the specification's balloon section: it stays a number.
        assertThat(names(captured.get(0))).containsExactly("1 VIRTIO_BALLOON_F_STATS_VQ",
                "2 VIRTIO_BALLOON_F_DEFLATE_ON_OOM", "5 VIRTIO_BALLOON_F_PAGE_REPORTING", "7 ", "32 VIRTIO_F_VERSION_1");
    }

    @Test
    void featureFilesOfBothLengthsAreReadAndAnythingElseIsRefused() {
        String older = "0".repeat(32) + "1" + "0".repeat(31);
        String newer = "0".repeat(34) + "1" + "0".repeat(93);
        assertThat(VirtioFeatures.decode(1, older)).containsExactly(new VirtioFeatures.Bit(32, "VIRTIO_F_VERSION_1"));
        assertThat(VirtioFeatures.decode(1, newer)).containsExactly(new VirtioFeatures.Bit(34, "VIRTIO_F_RING_PACKED"));
        assertThat(VirtioFeatures.decode(1, "0".repeat(64) + "1")).extracting(VirtioFeatures.Bit::name)
                .containsExactly("VIRTIO_NET_F_RSS_CONTEXT");
        assertThatThrownBy(() -> VirtioFeatures.decode(1, "01x0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDriverThatNeverReachedDriverOkOrGaveUpIsAProblem() {
        VirtioDevice stuck = new VirtioDevice("virtio9", 1, 0x1af4, Optional.of(0x0b), Optional.empty(),
                Optional.of("virtio_net"));
        VirtioDevice failed = new VirtioDevice("virtio9", 2, 0x1af4, Optional.of(0x83), Optional.empty(),
                Optional.of("virtio_blk"));
        VirtioDevice reset = new VirtioDevice("virtio9", 2, 0x1af4, Optional.of(0x4f), Optional.empty(),
                Optional.of("virtio_blk"));

        assertThat(stuck.problems()).extracting(p -> p.code()).containsExactly("not-driver-ok");
        assertThat(stuck.problems().get(0).reason()).contains("virtio_net").contains("0x0b")
                .contains("ACKNOWLEDGE, DRIVER, FEATURES_OK");
        assertThat(failed.problems()).extracting(p -> p.code()).containsExactly("failed", "not-driver-ok");
        assertThat(reset.problems()).extracting(p -> p.code()).containsExactly("needs-reset");
    }

    @Test
    void theLiveMachinesDevicesAreReadAsTheKernelPrintsThem() throws Exception {
        Path bus = Path.of("/sys/bus/virtio/devices");
        assumeTrue(Files.isDirectory(bus) && Files.list(bus).findAny().isPresent(), "no virtio devices here");
        List<VirtioDevice> live = new VirtioDevices(SystemRoot.live()).read();

        assertThat(live).hasSize((int) Files.list(bus).count());
        for (VirtioDevice device : live) {
            Path dir = bus.resolve(device.name());
            assertThat(device.deviceId()).isEqualTo(Integer.decode(Files.readString(dir.resolve("device")).strip()));
            String features = Files.readString(dir.resolve("features")).strip();
            assertThat(device.features().orElseThrow()).hasSize((int) features.chars().filter(c -> c == '1').count());
            if (device.driver().isPresent()) {
                assertThat(VirtioStatus.names(device.status().orElseThrow())).as(device.name()).contains("DRIVER_OK");
            }
        }
    }

    private static List<String> names(VirtioDevice device) {
        return device.features().orElseThrow().stream().map(bit -> bit.bit() + " " + bit.name()).toList();
    }
}
