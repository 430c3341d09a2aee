package io.pvscope.agent.devices.vmbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.detect.FakeRoots;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * VMBus devices read from a sysfs tree laid out as the kernel's sysfs-bus-vmbus ABI describes it: a
 * synthetic NIC with a primary and a sub-channel on two CPUs, the KVP integration service, and a class
 * Linux does not know.
 */
class VmbusDevicesTest {

    private final List<VmbusDevice> devices = new VmbusDevices(FakeRoots.root("hyperv-vmbus-channels")).read();

    @Test
    void classesAreNamedAndTheChannelStateIsDecoded() {
        assertThat(devices).extracting(VmbusDevice::className).containsExactly(
                "key/value pair exchange (KVP)", "unknown class", "synthetic network adapter");
        VmbusDevice nic = devices.get(2);
        assertThat(nic.classId()).isEqualTo("{f8615163-df3e-46c5-913f-f2d2f965ed0e}");
        assertThat(nic.stateName()).contains("opened");
        assertThat(nic.monitorId()).isEqualTo(OptionalLong.of(1));
        assertThat(nic.driver()).contains("hv_netvsc");
        assertThat(devices.get(1).driver()).isEmpty();
        assertThat(devices.get(1).stateName()).contains("open");
    }

    @Test
    void channelsComePrimaryFirstWithTheirCpuAndRingLevels() {
        List<VmbusChannel> channels = devices.get(2).channels();

        assertThat(channels).extracting(VmbusChannel::relid).containsExactly(14, 15);
        VmbusChannel sub = channels.get(1);
        assertThat(sub.subchannel()).isEqualTo(OptionalLong.of(1));
        assertThat(sub.cpu()).isEqualTo(OptionalLong.of(1));
        assertThat(sub.readAvail()).isEqualTo(OptionalLong.of(4096));
        assertThat(sub.writeAvail()).isEqualTo(OptionalLong.of(258048));
        assertThat(sub.inMask()).isEqualTo(OptionalLong.of(1));
        assertThat(sub.interrupts()).isEqualTo(OptionalLong.of(7702));
        assertThat(sub.pending()).isEqualTo(OptionalLong.of(1));
        assertThat(devices.get(0).channels().get(0).pending()).as("no monitor page: no pending file").isEmpty();
    }

    @Test
    void classIdsAreMatchedWithOrWithoutBracesAndInAnyCase() {
        assertThat(VmbusClasses.name("F8615163-DF3E-46C5-913F-F2D2F965ED0E")).isEqualTo("synthetic network adapter");
        assertThat(VmbusClasses.name("{57164f39-9115-4e78-ab55-382f3bd5422d}")).isEqualTo("heartbeat");
    }
}
