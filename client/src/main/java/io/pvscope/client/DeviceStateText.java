package io.pvscope.client;

import java.util.List;
import java.util.stream.Collectors;

import io.pvscope.proto.v1.FeatureBit;
import io.pvscope.proto.v1.VmbusChannel;

/**
 * The pieces of a decoded device state in words, the same in the CLI and the IDE: a XenBus state by name, one
 * side of a negotiation row, feature bits by name, a VMBus channel.
 */
public final class DeviceStateText {

    private DeviceStateText() {
    }

    /** "4 (Connected)"; the bare number when xenbus.h does not name it; "no state" for -1. */
    public static String xenbusState(int value, String name) {
        if (value < 0) {
            return "no state";
        }
        return name.isEmpty() ? String.valueOf(value) : value + " (" + name + ")";
    }

    /** One side of a negotiation row: "feature-rx-copy=1", "feature-sg (not written)", or "-" without a key. */
    public static String side(String key, boolean written, String value) {
        if (key.isEmpty()) {
            return "-";
        }
        return key + (written ? "=" + value.strip() : " (not written)");
    }

    /** "VIRTIO_NET_F_MAC, bit 7, VIRTIO_F_VERSION_1": names, numbers where no table names a bit. */
    public static String features(List<FeatureBit> bits) {
        return bits.stream().map(bit -> bit.getName().isEmpty() ? "bit " + bit.getBit() : bit.getName())
                .collect(Collectors.joining(", "));
    }

    /** "cpu 1, 4096 bytes to read, 258048 bytes free to write, 7702 interrupts": what the kernel shows of it. */
    public static String channel(VmbusChannel channel) {
        StringBuilder text = new StringBuilder();
        if (channel.hasCpu()) {
            text.append("cpu ").append(channel.getCpu());
        }
        if (channel.hasReadAvail()) {
            text.append(text.isEmpty() ? "" : ", ").append(channel.getReadAvail()).append(" bytes to read");
        }
        if (channel.hasWriteAvail()) {
            text.append(text.isEmpty() ? "" : ", ").append(channel.getWriteAvail()).append(" bytes free to write");
        }
        if (channel.hasInterrupts()) {
            text.append(text.isEmpty() ? "" : ", ").append(channel.getInterrupts()).append(" interrupts");
        }
        return text.toString();
    }

    /** "channel 15 (sub-channel 1)", "channel 14 (primary)", or "channel 14" when the kernel does not say. */
    public static String channelName(VmbusChannel channel) {
        String name = "channel " + channel.getRelid();
        if (!channel.hasSubchannel()) {
            return name;
        }
        return name + (channel.getSubchannel() == 0 ? " (primary)" : " (sub-channel " + channel.getSubchannel() + ")");
    }
}
