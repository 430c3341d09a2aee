package io.pvscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hypervisor CPUID leaves decoded into evidence, bits by name, from captured and constructed dumps; each
 * expected name is the one the source header gives that bit number (kvm_para.h, the Hyper-V TLFS as Linux's
 * hvgdk_mini.h has it, Xen's arch-x86/cpuid.h).
 */
class CpuidLeafDecodingTest {

    @Test
    void kvmFeaturesAreNamedAsKvmParaNumbersThem() {
        // 0x01007efb: bits 0 1 3 4 5 6 7 9 10 11 12 13 14 24.
        assertThat(seen("kvm-this-machine")).contains("KVM features 0x01007efb: CLOCKSOURCE, NOP_IO_DELAY, CLOCKSOURCE2,"
                + " ASYNC_PF, STEAL_TIME, PV_EOI, PV_UNHALT, PV_TLB_FLUSH, ASYNC_PF_VMEXIT, PV_SEND_IPI, POLL_CONTROL,"
                + " PV_SCHED_YIELD, ASYNC_PF_INT, CLOCKSOURCE_STABLE_BIT", "KVM hints 0x00000000: none");
    }

    @Test
    void anIsolatedHyperVGuestSaysHowItIsIsolated() {
        List<String> seen = seen("hyperv-snp-isolated");

        assertThat(seen).contains("privileges 0x00400130: POST_MESSAGES, SIGNAL_EVENTS, ACCESS_STATS, ISOLATION",
                "limits: 240 virtual processors, 320 logical processors",
                "isolation: SEV-SNP, paravisor present, shared GPA boundary at bit 46",
                // 0x00040a2c: bits 2 3 5 9 11 18.
                "recommendations 0x00040a2c: REMOTE_TLB_FLUSH, APIC_ACCESS, RELAXED_TIMING, DEPRECATING_AEOI,"
                        + " EX_PROCESSOR_MASKS, NO_NONARCH_CORESHARING");
        // 0x0000aeff: bits 0-7 9 10 11 13 15.
        assertThat(seen).contains("features 0x0000aeff: VP_RUNTIME, TIME_REF_COUNT, SYNIC, SYNTIMER, APIC_ACCESS,"
                + " HYPERCALL, VP_INDEX, RESET, REFERENCE_TSC, GUEST_IDLE, FREQUENCY_MSRS, REENLIGHTENMENT,"
                + " TSC_INVARIANT");
    }

    @Test
    void aGuestWithoutTheIsolationPrivilegeIsNotAskedForItsIsolation() {
        assertThat(seen("hyperv")).noneMatch(line -> line.startsWith("isolation"));
    }

    @Test
    void misleadingWindowCombinationsAreExplained() {
        assertThat(seen("kvm-hyperv")).anyMatch(line -> line.startsWith("Hyper-V's signature at 0x40000000 with KVM's"
                + " at 0x40000100: KVM offering Hyper-V enlightenments"));
        assertThat(seen("xen-viridian")).anyMatch(line -> line.startsWith("Hyper-V's signature at 0x40000000 with"
                + " Xen's at 0x40000100: Xen with viridian"));
        assertThat(seen("kvm-this-machine")).noneMatch(line -> line.contains("enlightenments"));
    }

    @Test
    void bitsNoTableNamesAreGivenByNumber() {
        assertThat(CpuidLeafNames.describe(0x00000100, CpuidLeafNames.KVM_FEATURES)).isEqualTo("0x00000100: bit 8");
    }

    /** Every evidence line of the detection of a root, units' and general. */
    private static List<String> seen(String root) {
        DetectionReport report = new LinuxDetector(FakeRoots.root(root), Clock.systemUTC()).detect();
        return java.util.stream.Stream.concat(report.units().stream().flatMap(unit -> unit.evidence().stream()),
                report.evidence().stream()).map(Evidence::seen).toList();
    }
}
