package io.pvscope.agent.openbsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.detect.DetectedUnit;
import io.pvscope.agent.detect.DetectionReport;
import io.pvscope.agent.detect.Evidence;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.detect.UnitVersion;
import io.pvscope.agent.tree.GuestSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Units replayed from captured OpenBSD guests (roots/openbsd-*), chosen by Detection as a user's --root would. */
class OpenBsdReplayTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final String DMESG = "/var/run/dmesg.boot";

    private static DetectionReport detect(String root) {
        return new Detection(FakeRoots.root(root), CLOCK).refresh().report();
    }

    private static Evidence dmesg(String line) {
        return Evidence.of("dmesg", DMESG, line);
    }

    @Test
    void kvmIsOneUnitFoundByDmesgWithPvbusAndPvclockLinesAsEvidence() {
        DetectionReport report = detect("openbsd-kvm");

        assertThat(report.units()).extracting(DetectedUnit::unit, DetectedUnit::name, DetectedUnit::version,
                        DetectedUnit::foundBy)
                .containsExactly(tuple(0, "KVM", Optional.empty(), "dmesg"));
        assertThat(report.units().get(0).evidence())
                .containsExactly(dmesg("pvbus0 at mainbus0: KVM"), dmesg("pvclock0 at pvbus0"));
        assertThat(report.detected()).isEqualTo(CLOCK.instant());
    }

    @Test
    void kvmWithHyperVEnlightenmentsIsTwoUnitsInPvbusOrder() {
        DetectionReport report = detect("openbsd-kvm-hyperv");

        assertThat(report.units()).extracting(DetectedUnit::unit, DetectedUnit::name, DetectedUnit::version)
                .containsExactly(tuple(0, "KVM", Optional.empty()),
                        tuple(1, "Hyper-V", Optional.of(new UnitVersion(6, 1))));
        assertThat(report.units().get(1).evidence()).containsExactly(
                dmesg("pvbus0 at mainbus0: KVM, Hyper-V 6.1"), dmesg("hyperv0 at pvbus0: not functional"));
    }

    @Test
    void hyperVHasItsVersion() {
        DetectionReport report = detect("openbsd-hyperv");

        assertThat(report.units()).extracting(DetectedUnit::name, DetectedUnit::version)
                .containsExactly(tuple("Hyper-V", Optional.of(new UnitVersion(10, 0))));
        assertThat(report.units().get(0).evidence()).contains(dmesg("hyperv0 at pvbus0: protocol 4.0, features 0x2e7f"));
    }

    @Test
    void xenHasItsVersionAndTheFirmwareLinesAreReportEvidence() {
        DetectionReport report = detect("openbsd-xen");

        assertThat(report.units()).extracting(DetectedUnit::name, DetectedUnit::version)
                .containsExactly(tuple("Xen", Optional.of(new UnitVersion(4, 17))));
        assertThat(report.evidence()).contains(
                dmesg("boot 1 of 1: OpenBSD 7.4 (GENERIC.MP) #2: Fri Oct 13 09:41:05 UTC 2023"),
                dmesg("bios0: Xen HVM domU"));
    }

    @Test
    void vmwareIsOneUnitWithVmt() {
        DetectionReport report = detect("openbsd-vmware");

        assertThat(report.units()).extracting(DetectedUnit::name).containsExactly("VMware");
        assertThat(report.units().get(0).evidence()).containsExactly(
                dmesg("pvbus0 at mainbus0: VMware"), dmesg("vmt0 at pvbus0"));
    }

    @Test
    void openBsdVmmHasPvclockAndNamesVmmciAtVirtioAsEvidence() {
        DetectionReport report = detect("openbsd-vmm");

        assertThat(report.units()).extracting(DetectedUnit::name, DetectedUnit::version)
                .containsExactly(tuple("OpenBSD", Optional.empty()));
        assertThat(report.units().get(0).evidence()).containsExactly(
                dmesg("pvbus0 at mainbus0: OpenBSD"), dmesg("pvclock0 at pvbus0"), dmesg("vmmci0 at virtio3"));
    }

    @Test
    void ofTwoBootsTheLastOneCounts() {
        DetectionReport report = detect("openbsd-two-boots");

        assertThat(report.units()).extracting(DetectedUnit::name).containsExactly("Xen");
        assertThat(report.evidence()).contains(
                dmesg("boot 2 of 2: OpenBSD 7.5 (GENERIC.MP) #1: Sat Apr  6 10:12:44 UTC 2024"));
    }

    @Test
    void aCaptureWithoutPvbusHasNoUnitsAndSaysWhy(@TempDir Path root) throws IOException {
        write(root, DMESG, "OpenBSD 7.5 (GENERIC) #1: Sat Apr  6 10:08:02 UTC 2024\nmainbus0 at root\n");

        GuestSnapshot snapshot = new Detection(SystemRoot.of(root), CLOCK).refresh();

        assertThat(snapshot.report().units()).isEmpty();
        assertThat(snapshot.report().evidence())
                .contains(dmesg("no pvbus0 line: pvbus did not attach (no hypervisor signature)"));
        assertThat(snapshot.tree().children()).isEmpty();
    }

    @Test
    void aRootWithProcIsLinuxEvenWithADmesgCapture(@TempDir Path root) throws IOException {
        write(root, DMESG, Files.readString(FakeRoots.path("openbsd-kvm").resolve("var/run/dmesg.boot")));
        write(root, "/proc/cpuinfo", "flags\t\t: fpu hypervisor\n");

        DetectionReport report = new Detection(SystemRoot.of(root), CLOCK).refresh().report();

        assertThat(report.units()).isEmpty();
        assertThat(report.evidence()).contains(Evidence.of("cpuinfo", "/proc/cpuinfo", "hypervisor flag set"));
    }

    private static void write(Path root, String guestPath, String text) throws IOException {
        Path file = root.resolve(guestPath.substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
