package io.pvscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pvscope.agent.fs.SystemRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XenProbeTest {

    private static DetectionReport detect(SystemRoot root) {
        return new LinuxDetector(root, Clock.systemUTC()).detect();
    }

    private static DetectionReport detect(String root) {
        return detect(FakeRoots.root(root));
    }

    @Test
    void pvDomUWithoutGuestTypeIsPvBecauseItHasNoCpuidWindow() {
        DetectionReport report = detect("xen-pv");

        assertThat(report.role()).isEqualTo(new GuestRole(GuestRole.Domain.DOMU, GuestRole.Mode.PV));
        DetectedUnit xen = report.units().get(0);
        assertThat(xen.version()).contains(new UnitVersion(4, 11));
        assertThat(xen.evidence()).contains(
                Evidence.of("sysfs", "/sys/hypervisor/version/{major,minor,extra}", "Xen 4.11.4"),
                Evidence.of("sysfs", "/sys/hypervisor/properties/features", "0x00002031"),
                Evidence.of("procfs", "/proc/xen/capabilities", "no control_d: domU"),
                Evidence.of("sysfs", "/sys/bus/xen/devices",
                        "2 devices (vbd-51712, vif-0): xenbus devices exist only once XenStore answered"));
        assertThat(xen.evidence()).anySatisfy(e -> assertThat(e.seen())
                .isEqualTo("absent: PV inferred from the missing Xen CPUID window"));
    }

    @Test
    void hvmDomUTakesItsModeFromGuestTypeAndAssumesDomUWithoutXenfs() {
        DetectionReport report = detect("xen-hvm");

        assertThat(report.role()).isEqualTo(new GuestRole(GuestRole.Domain.DOMU, GuestRole.Mode.HVM));
        assertThat(report.units()).singleElement().satisfies(xen -> {
            assertThat(xen.foundBy()).isEqualTo("cpuid");
            assertThat(xen.evidence()).contains(
                    Evidence.of("sysfs", "/sys/hypervisor/guest_type", "HVM"),
                    Evidence.of("sysfs", "/sys/hypervisor/properties/features",
                            "0x00002704 (auto_translated_physmap, hvm_callback_vector)"),
                    Evidence.of("procfs", "/proc/xen/capabilities",
                            "absent (xenfs not mounted): domU assumed, as dom0's toolstack needs xenfs"));
        });
    }

    @Test
    void dom0IsControlDomainAndGuestTypeOverridesItsEmulatedCpuidWindow() {
        DetectionReport report = detect("xen-dom0");

        assertThat(report.role()).isEqualTo(new GuestRole(GuestRole.Domain.DOM0, GuestRole.Mode.PV));
        assertThat(report.units()).extracting(DetectedUnit::unit, DetectedUnit::name, DetectedUnit::foundBy,
                        DetectedUnit::version)
                .containsExactly(tuple(0, "Xen", "cpuid", Optional.of(new UnitVersion(4, 17))));
        assertThat(report.units().get(0).evidence()).contains(
                Evidence.of("procfs", "/proc/xen/capabilities", "control_d: dom0"),
                Evidence.of("sysfs", "/sys/hypervisor/guest_type", "PV"),
                Evidence.of("sysfs", "/sys/hypervisor/properties/features", "0x00002831 (dom0)"),
                Evidence.of("sysfs", "/sys/hypervisor/version/{major,minor,extra}", "Xen 4.17.3"));
    }

    @Test
    void outsideXenTheRoleStaysUnspecifiedAndNoXenEvidenceIsAdded() {
        DetectionReport report = detect("kvm-hyperv");

        assertThat(report.role()).isEqualTo(GuestRole.UNSPECIFIED);
        assertThat(report.evidence()).noneMatch(e -> e.subject().startsWith("/sys/hypervisor")
                || e.subject().startsWith("/proc/xen"));
    }

    @Test
    void xenbusDevicesAloneAreEnoughForAPvUnitAndAnUnreadableCapabilitiesFileLeavesTheDomainOpen(@TempDir Path dir)
            throws Exception {
        Files.createDirectories(dir.resolve("sys/bus/xen/devices/vif-0"));
        Files.createDirectories(dir.resolve("proc/xen/capabilities"));

        DetectionReport report = detect(SystemRoot.of(dir));

        assertThat(report.units()).extracting(DetectedUnit::name, DetectedUnit::foundBy)
                .containsExactly(tuple("Xen", "sysfs"));
        assertThat(report.role().domain()).isEqualTo(GuestRole.Domain.UNSPECIFIED);
        assertThat(report.units().get(0).evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("/proc/xen/capabilities");
            assertThat(e.seen()).startsWith("not readable").endsWith("dom0 or domU unknown");
        });
    }

    /**
     * Debian's stock kernel (CONFIG_XEN=y) in a QEMU TCG guest, captured there: /sys/bus/xen registered and
     * empty, /sys/hypervisor empty, no /proc/xen. None of that is Xen.
     */
    @Test
    void anEmptyXenbusOfAStockKernelIsNoXenAndNoRole() {
        DetectionReport report = detect("stock-kernel-tcg");

        assertThat(report.units()).extracting(DetectedUnit::unit, DetectedUnit::name, DetectedUnit::signature)
                .containsExactly(tuple(0, "unknown", "TCGTCGTCGTCG"));
        assertThat(report.role()).isEqualTo(GuestRole.UNSPECIFIED);
        assertThat(report.evidence()).contains(Evidence.of("sysfs", "/sys/bus/xen",
                "registered with no devices: the kernel has Xen support, which is not evidence of Xen"));
    }

    @Test
    void backendDevicesOfADriverDomainAreXenEvidenceAndAnEmptyBackendBusIsNot(@TempDir Path dir)
            throws Exception {
        Files.createDirectories(dir.resolve("sys/bus/xen-backend/devices/vbd-3-51712"));
        Files.createDirectories(dir.resolve("sys/bus/xen/devices"));

        DetectionReport report = detect(SystemRoot.of(dir));

        assertThat(report.units()).singleElement().satisfies(xen -> assertThat(xen.evidence()).contains(
                Evidence.of("sysfs", "/sys/bus/xen-backend/devices",
                        "1 device (vbd-3-51712): xenbus devices exist only once XenStore answered")));
        assertThat(report.evidence()).extracting(Evidence::subject).contains("/sys/bus/xen");

        Files.delete(dir.resolve("sys/bus/xen-backend/devices/vbd-3-51712"));
        assertThat(detect(SystemRoot.of(dir)).units()).isEmpty();
    }

    @Test
    void featureBitsThatMatterToFrontEndsAreNamed() {
        assertThat(XenProbe.describeFeatures("00000000")).isEqualTo("0x00000000");
        assertThat(XenProbe.describeFeatures("00000804")).isEqualTo("0x00000804 (auto_translated_physmap, dom0)");
        assertThat(XenProbe.describeFeatures("zz")).isEqualTo("unparsable: zz");
    }
}
