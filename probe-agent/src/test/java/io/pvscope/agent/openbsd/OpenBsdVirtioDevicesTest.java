package io.pvscope.agent.openbsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pvscope.agent.cli.RunningCommand;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.devices.virtio.VirtioDevice;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The virtio devices of a captured OpenBSD guest, from the driver that attached to each. */
class OpenBsdVirtioDevicesTest {

    @Test
    void eachVirtioDeviceIsTypedByTheDriverThatAttachedToIt() {
        List<VirtioDevice> devices = new OpenBsdVirtioDevices(FakeRoots.root("openbsd-kvm")).read();

        assertThat(devices).extracting(VirtioDevice::name, VirtioDevice::typeName, VirtioDevice::driver)
                .containsExactly(tuple("virtio0", "network device", Optional.of("vio")),
                        tuple("virtio1", "block device", Optional.of("vioblk")),
                        tuple("virtio2", "entropy source", Optional.of("viornd")));
        assertThat(devices).allSatisfy(device -> {
            assertThat(device.status()).as("OpenBSD does not show the status byte").isEmpty();
            assertThat(device.problems()).isEmpty();
        });
    }

    @Test
    void aLinuxRootHasNoneOfThem() {
        assertThat(new OpenBsdVirtioDevices(FakeRoots.root("virtio-this-machine")).read()).isEmpty();
    }

    @Test
    void pvscopeDevicesLocalListsThemFromTheCapture() throws Exception {
        RunningCommand devices = RunningCommand.start("devices", "--local", "--root",
                FakeRoots.path("openbsd-kvm").toString());

        assertThat(devices.exit().get()).as(devices.err()).isZero();
        assertThat(devices.out()).contains("virtio0 network device (id 1)  status unknown  driver vio");
    }
}
