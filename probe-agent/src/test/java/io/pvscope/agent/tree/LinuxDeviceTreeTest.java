package io.pvscope.agent.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.detect.LinuxDetector;
import io.pvscope.agent.fs.SystemRoot;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinuxDeviceTreeTest {

    private static DeviceNode tree(String name) {
        SystemRoot root = FakeRoots.root(name);
        return new LinuxDeviceTree(root).build(new LinuxDetector(root, Clock.systemUTC()).detect());
    }

    private static List<String> names(DeviceNode node) {
        return node.children().stream().map(DeviceNode::name).toList();
    }

    @Test
    void kvmGuestHasPvclockAndItsVirtioDevicesUnderTheKvmUnit() {
        DeviceNode mainbus = tree("kvm-this-machine");

        assertThat(mainbus.name()).isEqualTo("mainbus0");
        DeviceNode pvbus = mainbus.children().get(0);
        assertThat(pvbus.name()).isEqualTo("pvbus0");
        DeviceNode kvm = pvbus.children().get(0);
        assertThat(kvm.name()).isEqualTo("KVM");
        assertThat(kvm.attributes()).containsEntry("device", "/dev/pvbus0");
        assertThat(names(kvm)).containsExactly("pvclock0", "viomb0", "vioblk0", "vio0", "virtio0", "viornd0");
        assertThat(kvm.children().get(3).attributes()).containsEntry("linux driver", "virtio_net");
        assertThat(kvm.children().get(3).source()).isEqualTo("/sys/bus/virtio/devices/virtio2");
        assertThat(kvm.children().get(0).attributes()).containsEntry("in use", "false");
    }

    @Test
    void hyperVMapsNetvscToHvnAndStorvscToHvsUnderHyperv0() {
        DeviceNode unit = tree("hyperv").children().get(0).children().get(0);

        assertThat(names(unit)).containsExactly("hyperv0");
        DeviceNode hyperv = unit.children().get(0);
        assertThat(hyperv.attributes()).containsEntry("vmbus devices", "3");
        assertThat(names(hyperv)).containsExactly("hvn0", "hvs0");
        assertThat(hyperv.children().get(0).attributes()).containsEntry("linux driver", "hv_netvsc");
    }

    @Test
    void xenMapsVifToXnfAndVbdToXbf() {
        DeviceNode unit = tree("xen-hvm").children().get(0).children().get(0);

        DeviceNode xen = unit.children().get(0);
        assertThat(xen.name()).isEqualTo("xen0");
        assertThat(names(xen)).containsExactly("xbf0", "xnf0");
        assertThat(xen.children().get(1).attributes()).containsEntry("xenstore node", "device/vif/0");
    }

    @Test
    void twoUnitsGiveTwoUnitNodesInPvbusOrder() {
        assertThat(names(tree("kvm-hyperv").children().get(0))).containsExactly("KVM", "Hyper-V");
    }

    @Test
    void noUnitsMeansNoPvbus() {
        assertThat(tree("no-hypervisor").children()).isEmpty();
    }

    @Test
    void versionStampIsStableForEqualTreesAndChangesWithTheTree() {
        assertThat(DeviceTreeText.versionStamp(tree("hyperv")))
                .isEqualTo(DeviceTreeText.versionStamp(tree("hyperv")))
                .isNotEqualTo(DeviceTreeText.versionStamp(tree("xen-hvm")));
    }

    @Test
    void plainKvmHasItsPvclockInUse() {
        DeviceNode kvm = tree("kvm").children().get(0).children().get(0);

        assertThat(names(kvm)).containsExactly("pvclock0", "vio0", "vioblk0");
        assertThat(kvm.children().get(0).attributes()).containsEntry("in use", "true");
    }

    @Test
    void bhyveAndOpenBsdVmmListTheirVirtioDevices() {
        assertThat(names(tree("bhyve").children().get(0).children().get(0)))
                .containsExactly("vio0", "vioblk0", "viornd0");
        assertThat(names(tree("openbsd-vmm-cpuid").children().get(0).children().get(0)))
                .containsExactly("vio0", "vioblk0");
    }

    @Test
    void vmwareGetsVmtWhenAKernelModuleUsesTheBackdoor() {
        DeviceNode vmware = tree("vmware").children().get(0).children().get(0);

        assertThat(vmware.children()).singleElement().satisfies(vmt -> {
            assertThat(vmt.name()).isEqualTo("vmt0");
            assertThat(vmt.source()).isEqualTo("/sys/module/vmw_balloon");
            assertThat(vmt.attributes()).containsEntry("backdoor via", "vmw_balloon (kernel module)");
        });
    }

    @Test
    void xenPvGuestHasItsFrontEndsUnderXen0() {
        DeviceNode xen = tree("xen-pv").children().get(0).children().get(0);

        assertThat(xen.attributes()).containsEntry("found by", "sysfs").containsEntry("version", "4.11");
        assertThat(names(xen.children().get(0))).containsExactly("xbf0", "xnf0");
    }

    @Test
    void virtioDevicesAreListedOnceUnderKvmWhenHyperVIsAlsoPresent() {
        DeviceNode pvbus = tree("kvm-this-machine").children().get(0);

        assertThat(pvbus.children()).hasSize(1);
        assertThat(names(tree("kvm-hyperv").children().get(0).children().get(1))).isEmpty();
    }
}
