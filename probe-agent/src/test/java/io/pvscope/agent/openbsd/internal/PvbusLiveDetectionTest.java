package io.pvscope.agent.openbsd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.detect.FakeRoots;
import org.junit.jupiter.api.Test;

/** On a running OpenBSD the kernel names the units and the dmesg adds versions: here both agree. */
class PvbusLiveDetectionTest {

    @Test
    void unitsComeFromTheDevicesAndVersionsFromTheDmesg() throws Exception {
        try (ShimChild child = ShimChild.start("KVM,Hyper-V")) {
            String[] answer = child.ask("detect", FakeRoots.path("openbsd-kvm-hyperv").toString());

            // Evidence per unit: the TYPE answer, pvbus0's line and the driver's attach line.
            assertThat(answer).containsExactly("ok", "0:KVM:-:pvbus-ioctl:3,1:Hyper-V:6.1:pvbus-ioctl:3",
                    "conflicts=0");
        }
    }
}
