package io.pvscope.agent.devices.virtio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Virtio feature bits by name: the device-independent ones (virtio specification, "Reserved Feature Bits",
 * bits 24 to 43) and each device type's own (its "Feature bits" section), with the legacy bits Linux still
 * names. A bit neither names is kept as a number.
 */
public final class VirtioFeatures {

    /** One negotiated bit; {@code name} is empty when no table names it. */
    public record Bit(int bit, String name) {
    }

    private static final Map<Integer, String> TRANSPORT = Map.ofEntries(
            Map.entry(24, "VIRTIO_F_NOTIFY_ON_EMPTY"),
            Map.entry(27, "VIRTIO_F_ANY_LAYOUT"),
            Map.entry(28, "VIRTIO_F_INDIRECT_DESC"),
            Map.entry(29, "VIRTIO_F_EVENT_IDX"),
            Map.entry(32, "VIRTIO_F_VERSION_1"),
            Map.entry(33, "VIRTIO_F_ACCESS_PLATFORM"),
            Map.entry(34, "VIRTIO_F_RING_PACKED"),
            Map.entry(35, "VIRTIO_F_IN_ORDER"),
            Map.entry(36, "VIRTIO_F_ORDER_PLATFORM"),
            Map.entry(37, "VIRTIO_F_SR_IOV"),
            Map.entry(38, "VIRTIO_F_NOTIFICATION_DATA"),
            Map.entry(39, "VIRTIO_F_NOTIF_CONFIG_DATA"),
            Map.entry(40, "VIRTIO_F_RING_RESET"),
            Map.entry(41, "VIRTIO_F_ADMIN_VQ"),
            Map.entry(43, "VIRTIO_F_SUSPEND"));

    private static final Map<Integer, String> NET = Map.ofEntries(
            Map.entry(0, "VIRTIO_NET_F_CSUM"),
            Map.entry(1, "VIRTIO_NET_F_GUEST_CSUM"),
            Map.entry(2, "VIRTIO_NET_F_CTRL_GUEST_OFFLOADS"),
            Map.entry(3, "VIRTIO_NET_F_MTU"),
            Map.entry(5, "VIRTIO_NET_F_MAC"),
            Map.entry(6, "VIRTIO_NET_F_GSO"),
            Map.entry(7, "VIRTIO_NET_F_GUEST_TSO4"),
            Map.entry(8, "VIRTIO_NET_F_GUEST_TSO6"),
            Map.entry(9, "VIRTIO_NET_F_GUEST_ECN"),
            Map.entry(10, "VIRTIO_NET_F_GUEST_UFO"),
            Map.entry(11, "VIRTIO_NET_F_HOST_TSO4"),
            Map.entry(12, "VIRTIO_NET_F_HOST_TSO6"),
            Map.entry(13, "VIRTIO_NET_F_HOST_ECN"),
            Map.entry(14, "VIRTIO_NET_F_HOST_UFO"),
            Map.entry(15, "VIRTIO_NET_F_MRG_RXBUF"),
            Map.entry(16, "VIRTIO_NET_F_STATUS"),
            Map.entry(17, "VIRTIO_NET_F_CTRL_VQ"),
            Map.entry(18, "VIRTIO_NET_F_CTRL_RX"),
            Map.entry(19, "VIRTIO_NET_F_CTRL_VLAN"),
            Map.entry(20, "VIRTIO_NET_F_CTRL_RX_EXTRA"),
            Map.entry(21, "VIRTIO_NET_F_GUEST_ANNOUNCE"),
            Map.entry(22, "VIRTIO_NET_F_MQ"),
            Map.entry(23, "VIRTIO_NET_F_CTRL_MAC_ADDR"),
            Map.entry(50, "VIRTIO_NET_F_DEVICE_STATS"),
            Map.entry(51, "VIRTIO_NET_F_HASH_TUNNEL"),
            Map.entry(52, "VIRTIO_NET_F_VQ_NOTF_COAL"),
            Map.entry(53, "VIRTIO_NET_F_NOTF_COAL"),
            Map.entry(54, "VIRTIO_NET_F_GUEST_USO4"),
            Map.entry(55, "VIRTIO_NET_F_GUEST_USO6"),
            Map.entry(56, "VIRTIO_NET_F_HOST_USO"),
            Map.entry(57, "VIRTIO_NET_F_HASH_REPORT"),
            Map.entry(59, "VIRTIO_NET_F_GUEST_HDRLEN"),
            Map.entry(60, "VIRTIO_NET_F_RSS"),
            Map.entry(61, "VIRTIO_NET_F_RSC_EXT"),
            Map.entry(62, "VIRTIO_NET_F_STANDBY"),
            Map.entry(63, "VIRTIO_NET_F_SPEED_DUPLEX"),
            Map.entry(64, "VIRTIO_NET_F_RSS_CONTEXT"),
            Map.entry(65, "VIRTIO_NET_F_GUEST_UDP_TUNNEL_GSO"),
            Map.entry(66, "VIRTIO_NET_F_GUEST_UDP_TUNNEL_GSO_CSUM"),
            Map.entry(67, "VIRTIO_NET_F_HOST_UDP_TUNNEL_GSO"),
            Map.entry(68, "VIRTIO_NET_F_HOST_UDP_TUNNEL_GSO_CSUM"),
            Map.entry(69, "VIRTIO_NET_F_OUT_NET_HEADER"),
            Map.entry(70, "VIRTIO_NET_F_IPSEC"));

    private static final Map<Integer, String> BLOCK = Map.ofEntries(
            Map.entry(0, "VIRTIO_BLK_F_BARRIER"),
            Map.entry(1, "VIRTIO_BLK_F_SIZE_MAX"),
            Map.entry(2, "VIRTIO_BLK_F_SEG_MAX"),
            Map.entry(4, "VIRTIO_BLK_F_GEOMETRY"),
            Map.entry(5, "VIRTIO_BLK_F_RO"),
            Map.entry(6, "VIRTIO_BLK_F_BLK_SIZE"),
            Map.entry(7, "VIRTIO_BLK_F_SCSI"),
            Map.entry(9, "VIRTIO_BLK_F_FLUSH"),
            Map.entry(10, "VIRTIO_BLK_F_TOPOLOGY"),
            Map.entry(11, "VIRTIO_BLK_F_CONFIG_WCE"),
            Map.entry(12, "VIRTIO_BLK_F_MQ"),
            Map.entry(13, "VIRTIO_BLK_F_DISCARD"),
            Map.entry(14, "VIRTIO_BLK_F_WRITE_ZEROES"),
            Map.entry(15, "VIRTIO_BLK_F_LIFETIME"),
            Map.entry(16, "VIRTIO_BLK_F_SECURE_ERASE"),
            Map.entry(17, "VIRTIO_BLK_F_ZONED"));

    private static final Map<Integer, String> CONSOLE = Map.of(
            0, "VIRTIO_CONSOLE_F_SIZE",
            1, "VIRTIO_CONSOLE_F_MULTIPORT",
            2, "VIRTIO_CONSOLE_F_EMERG_WRITE");

    private static final Map<Integer, String> BALLOON = Map.of(
            0, "VIRTIO_BALLOON_F_MUST_TELL_HOST",
            1, "VIRTIO_BALLOON_F_STATS_VQ",
            2, "VIRTIO_BALLOON_F_DEFLATE_ON_OOM",
            3, "VIRTIO_BALLOON_F_FREE_PAGE_HINT",
            4, "VIRTIO_BALLOON_F_PAGE_POISON",
            5, "VIRTIO_BALLOON_F_PAGE_REPORTING");

    private static final Map<Integer, String> SCSI = Map.of(
            0, "VIRTIO_SCSI_F_INOUT",
            1, "VIRTIO_SCSI_F_HOTPLUG",
            2, "VIRTIO_SCSI_F_CHANGE",
            3, "VIRTIO_SCSI_F_T10_PI");

    private static final Map<Integer, String> NINE_P = Map.of(0, "VIRTIO_9P_MOUNT_TAG");

    private static final Map<Integer, String> GPU = Map.of(
            0, "VIRTIO_GPU_F_VIRGL",
            1, "VIRTIO_GPU_F_EDID",
            2, "VIRTIO_GPU_F_RESOURCE_UUID",
            3, "VIRTIO_GPU_F_RESOURCE_BLOB",
            4, "VIRTIO_GPU_F_CONTEXT_INIT",
            5, "VIRTIO_GPU_F_BLOB_ALIGNMENT");

    private static final Map<Integer, String> VSOCK = Map.of(
            0, "VIRTIO_VSOCK_F_STREAM",
            1, "VIRTIO_VSOCK_F_SEQPACKET",
            2, "VIRTIO_VSOCK_F_NO_IMPLIED_STREAM");

    private static final Map<Integer, String> CRYPTO = Map.of(
            0, "VIRTIO_CRYPTO_F_REVISION_1",
            1, "VIRTIO_CRYPTO_F_CIPHER_STATELESS_MODE",
            2, "VIRTIO_CRYPTO_F_HASH_STATELESS_MODE",
            3, "VIRTIO_CRYPTO_F_MAC_STATELESS_MODE",
            4, "VIRTIO_CRYPTO_F_AEAD_STATELESS_MODE",
            5, "VIRTIO_CRYPTO_F_AKCIPHER_STATELESS_MODE");

    private static final Map<Integer, String> IOMMU = Map.of(
            0, "VIRTIO_IOMMU_F_INPUT_RANGE",
            1, "VIRTIO_IOMMU_F_DOMAIN_RANGE",
            2, "VIRTIO_IOMMU_F_MAP_UNMAP",
            3, "VIRTIO_IOMMU_F_BYPASS",
            4, "VIRTIO_IOMMU_F_PROBE",
            5, "VIRTIO_IOMMU_F_MMIO",
            6, "VIRTIO_IOMMU_F_BYPASS_CONFIG");

    private static final Map<Integer, String> MEMORY = Map.of(
            0, "VIRTIO_MEM_F_ACPI_PXM",
            1, "VIRTIO_MEM_F_UNPLUGGED_INACCESSIBLE",
            2, "VIRTIO_MEM_F_PERSISTENT_SUSPEND");

    private static final Map<Integer, String> FS = Map.of(0, "VIRTIO_FS_F_NOTIFICATION");

    private static final Map<Integer, String> PMEM = Map.of(0, "VIRTIO_PMEM_F_SHMEM_REGION");

    /** Each device type's own bits, by device ID; types without a table have none named. */
    private static final Map<Integer, Map<Integer, String>> BY_TYPE = Map.ofEntries(
            Map.entry(1, NET), Map.entry(2, BLOCK), Map.entry(3, CONSOLE), Map.entry(5, BALLOON),
            Map.entry(8, SCSI), Map.entry(9, NINE_P), Map.entry(16, GPU), Map.entry(19, VSOCK),
            Map.entry(20, CRYPTO), Map.entry(23, IOMMU), Map.entry(24, MEMORY), Map.entry(26, FS),
            Map.entry(27, PMEM));

    private VirtioFeatures() {
    }

    /** The name of {@code bit} for a device of type {@code deviceId}, or empty. */
    public static String name(int deviceId, int bit) {
        String own = BY_TYPE.getOrDefault(deviceId, Map.of()).get(bit);
        if (own != null) {
            return own;
        }
        return TRANSPORT.getOrDefault(bit, "");
    }

    /**
     * Decodes Linux's {@code features} file: one character per bit, '1' or '0', bit 0 first (64 characters on
     * older kernels, 128 on newer ones).
     *
     * @throws IllegalArgumentException when the text holds anything but '0' and '1'
     */
    public static List<Bit> decode(int deviceId, String features) {
        String text = features.strip();
        List<Bit> bits = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '1') {
                bits.add(new Bit(i, name(deviceId, i)));
            } else if (c != '0') {
                throw new IllegalArgumentException("not a feature bit string: '" + text + "'");
            }
        }
        return bits;
    }
}
