package io.pvscope.agent.openbsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.tree.DeviceNode;
import io.pvscope.agent.tree.DeviceTreeText;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmesgDeviceTreeTest {

    private static DeviceNode tree(String root) {
        return new Detection(FakeRoots.root(root), Clock.systemUTC()).refresh().tree();
    }

    private static DeviceNode pvbus(String root) {
        DeviceNode mainbus = tree(root);
        assertThat(mainbus.name()).isEqualTo("mainbus0");
        assertThat(mainbus.source()).isEqualTo("mainbus0 at root");
        assertThat(mainbus.children()).hasSize(1);
        return mainbus.children().get(0);
    }

    private static List<String> names(DeviceNode node) {
        return node.children().stream().map(DeviceNode::name).toList();
    }

    @Test
    void kvmHasPvclockUnderTheKvmUnitAndNoVirtioDevices() {
        DeviceNode pvbus = pvbus("openbsd-kvm");

        assertThat(pvbus.name()).isEqualTo("pvbus0");
        assertThat(pvbus.source()).isEqualTo("pvbus0 at mainbus0: KVM");
        assertThat(names(pvbus)).containsExactly("KVM");
        DeviceNode kvm = pvbus.children().get(0);
        assertThat(kvm.unit()).isZero();
        assertThat(kvm.attributes()).containsEntry("device", "/dev/pvbus0").containsEntry("found by", "dmesg");
        assertThat(names(kvm)).containsExactly("pvclock0");
        DeviceNode pvclock = kvm.children().get(0);
        assertThat(pvclock.driver()).isEqualTo("pvclock");
        assertThat(pvclock.unit()).isZero();
        assertThat(pvclock.source()).isEqualTo("pvclock0 at pvbus0");
    }

    @Test
    void hyperVHasHvsAndHvnUnderHyperv0WithItsServices() {
        DeviceNode unit = pvbus("openbsd-hyperv").children().get(0);

        assertThat(unit.name()).isEqualTo("Hyper-V");
        assertThat(unit.attributes()).containsEntry("version", "10.0");
        assertThat(names(unit)).containsExactly("hyperv0");
        DeviceNode hyperv = unit.children().get(0);
        assertThat(hyperv.attributes()).containsExactly(entry("protocol", "4.0"), entry("features", "0x2e7f"),
                entry("services", "heartbeat, kvp, shutdown, timesync"));
        assertThat(names(hyperv)).containsExactly("hvs0", "hvn0");
        DeviceNode hvn = hyperv.children().get(1);
        assertThat(hvn.driver()).isEqualTo("hvn");
        assertThat(hvn.source()).isEqualTo("hvn0 at hyperv0 channel 14: NVS 5.0 NDIS 6.30, address 00:15:5d:0a:3c:21");
        assertThat(hvn.attributes()).containsEntry("channel", "14").containsEntry("address", "00:15:5d:0a:3c:21");
        // Not a pv device: the SCSI bus on hvs0 stays out of the tree.
        assertThat(hyperv.children().get(0).children()).isEmpty();
    }

    @Test
    void xenHasXbfAndXnfUnderXen0() {
        DeviceNode unit = pvbus("openbsd-xen").children().get(0);

        DeviceNode xen = unit.children().get(0);
        assertThat(xen.name()).isEqualTo("xen0");
        assertThat(xen.attributes()).containsEntry("features", "0x2705").containsEntry("event channel", "3");
        assertThat(names(xen)).containsExactly("xbf0", "xnf0");
        assertThat(xen.children().get(0).attributes()).containsEntry("backend", "0").containsEntry("channel", "6")
                .containsEntry("info", "disk");
    }

    @Test
    void enlightenedKvmHasPvclockUnderKvmAndTheIdleHypervUnderHyperV() {
        DeviceNode pvbus = pvbus("openbsd-kvm-hyperv");

        assertThat(names(pvbus)).containsExactly("KVM", "Hyper-V");
        assertThat(names(pvbus.children().get(0))).containsExactly("pvclock0");
        DeviceNode hyperV = pvbus.children().get(1);
        assertThat(hyperV.unit()).isEqualTo(1);
        assertThat(names(hyperV)).containsExactly("hyperv0");
        assertThat(hyperV.children().get(0).attributes()).containsEntry("info", "not functional");
        assertThat(hyperV.children().get(0).unit()).isEqualTo(1);
    }

    @Test
    void vmwareHasVmt() {
        assertThat(names(pvbus("openbsd-vmware").children().get(0))).containsExactly("vmt0");
    }

    @Test
    void vmmHasPvclockUnderTheOpenBsdUnitAndVmmciIsNotOnThePvbus() {
        DeviceNode unit = pvbus("openbsd-vmm").children().get(0);

        assertThat(unit.name()).isEqualTo("OpenBSD");
        assertThat(names(unit)).containsExactly("pvclock0");
    }

    @Test
    void theTreeOfTwoBootsIsTheLastBootsTree() {
        DeviceNode twoBoots = tree("openbsd-two-boots");

        assertThat(DeviceTreeText.versionStamp(twoBoots)).isEqualTo(DeviceTreeText.versionStamp(tree("openbsd-xen")));
        assertThat(names(twoBoots.children().get(0))).containsExactly("Xen");
    }
}
