package io.pvscope.agent.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Names of the bits of the hypervisor CPUID leaves: KVM's features and hints (Linux's
 * arch/x86/include/uapi/asm/kvm_para.h), Hyper-V's features, privileges, recommendations and isolation
 * configuration (the Hyper-V TLFS, as Linux's hvgdk_mini.h defines them), Xen's HVM features
 * (xen/include/public/arch-x86/cpuid.h). A bit no table names is given as "bit N".
 */
public final class CpuidLeafNames {

    /** Hyper-V base+3 EBX bit 22: the partition is isolated, and base+0xC says how. */
    public static final int HYPERV_ISOLATION_PRIVILEGE = 1 << 22;

    static final Map<Integer, String> KVM_FEATURES = Map.ofEntries(
            Map.entry(0, "CLOCKSOURCE"), Map.entry(1, "NOP_IO_DELAY"), Map.entry(2, "MMU_OP"),
            Map.entry(3, "CLOCKSOURCE2"), Map.entry(4, "ASYNC_PF"), Map.entry(5, "STEAL_TIME"),
            Map.entry(6, "PV_EOI"), Map.entry(7, "PV_UNHALT"), Map.entry(9, "PV_TLB_FLUSH"),
            Map.entry(10, "ASYNC_PF_VMEXIT"), Map.entry(11, "PV_SEND_IPI"), Map.entry(12, "POLL_CONTROL"),
            Map.entry(13, "PV_SCHED_YIELD"), Map.entry(14, "ASYNC_PF_INT"), Map.entry(15, "MSI_EXT_DEST_ID"),
            Map.entry(16, "HC_MAP_GPA_RANGE"), Map.entry(17, "MIGRATION_CONTROL"),
            Map.entry(24, "CLOCKSOURCE_STABLE_BIT"));

    static final Map<Integer, String> KVM_HINTS = Map.of(0, "REALTIME");

    static final Map<Integer, String> HYPERV_FEATURES_EAX = Map.ofEntries(
            Map.entry(0, "VP_RUNTIME"), Map.entry(1, "TIME_REF_COUNT"), Map.entry(2, "SYNIC"),
            Map.entry(3, "SYNTIMER"), Map.entry(4, "APIC_ACCESS"), Map.entry(5, "HYPERCALL"),
            Map.entry(6, "VP_INDEX"), Map.entry(7, "RESET"), Map.entry(8, "STAT_PAGES"),
            Map.entry(9, "REFERENCE_TSC"), Map.entry(10, "GUEST_IDLE"), Map.entry(11, "FREQUENCY_MSRS"),
            Map.entry(13, "REENLIGHTENMENT"), Map.entry(15, "TSC_INVARIANT"));

    static final Map<Integer, String> HYPERV_PRIVILEGES_EBX = Map.ofEntries(
            Map.entry(0, "CREATE_PARTITIONS"), Map.entry(1, "ACCESS_PARTITION_ID"),
            Map.entry(2, "ACCESS_MEMORY_POOL"), Map.entry(3, "ADJUST_MESSAGE_BUFFERS"),
            Map.entry(4, "POST_MESSAGES"), Map.entry(5, "SIGNAL_EVENTS"), Map.entry(6, "CREATE_PORT"),
            Map.entry(7, "CONNECT_PORT"), Map.entry(8, "ACCESS_STATS"), Map.entry(11, "DEBUGGING"),
            Map.entry(12, "CPU_MANAGEMENT"), Map.entry(20, "ENABLE_EXTENDED_HYPERCALLS"),
            Map.entry(22, "ISOLATION"));

    static final Map<Integer, String> HYPERV_FEATURES_EDX = Map.ofEntries(
            Map.entry(0, "MWAIT"), Map.entry(1, "GUEST_DEBUGGING"), Map.entry(2, "PERF_MONITOR"),
            Map.entry(3, "CPU_DYNAMIC_PARTITIONING"), Map.entry(4, "HYPERCALL_XMM_INPUT"),
            Map.entry(5, "GUEST_IDLE_STATE"), Map.entry(8, "FREQUENCY_MSRS"), Map.entry(10, "GUEST_CRASH_MSR"),
            Map.entry(11, "DEBUG_MSRS"), Map.entry(14, "EXT_GVA_RANGES_FLUSH"),
            Map.entry(15, "HYPERCALL_XMM_OUTPUT"), Map.entry(19, "STIMER_DIRECT_MODE"));

    static final Map<Integer, String> HYPERV_RECOMMENDATIONS = Map.ofEntries(
            Map.entry(0, "AS_SWITCH"), Map.entry(1, "LOCAL_TLB_FLUSH"), Map.entry(2, "REMOTE_TLB_FLUSH"),
            Map.entry(3, "APIC_ACCESS"), Map.entry(4, "SYSTEM_RESET"), Map.entry(5, "RELAXED_TIMING"),
            Map.entry(9, "DEPRECATING_AEOI"), Map.entry(10, "CLUSTER_IPI"), Map.entry(11, "EX_PROCESSOR_MASKS"),
            Map.entry(12, "NESTED"), Map.entry(14, "ENLIGHTENED_VMCS"), Map.entry(18, "NO_NONARCH_CORESHARING"),
            Map.entry(21, "USE_MMIO_HYPERCALLS"));

    /** enum hv_isolation_type. */
    static final Map<Integer, String> HYPERV_ISOLATION_TYPES = Map.of(0, "none", 1, "VBS", 2, "SEV-SNP", 3, "TDX");

    static final Map<Integer, String> XEN_HVM_FEATURES = Map.of(
            0, "APIC_ACCESS_VIRT", 1, "X2APIC_VIRT", 2, "IOMMU_MAPPINGS", 3, "VCPU_ID_PRESENT",
            4, "DOMID_PRESENT", 5, "EXT_DEST_ID", 6, "UPCALL_VECTOR");

    private CpuidLeafNames() {
    }

    /** The names of the bits set in {@code register}, lowest first. */
    public static List<String> names(int register, Map<Integer, String> table) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((register & (1 << bit)) != 0) {
                names.add(table.getOrDefault(bit, "bit " + bit));
            }
        }
        return names;
    }

    /** "0x01007efb: CLOCKSOURCE, NOP_IO_DELAY, ..." or "0x00000000: none". */
    static String describe(int register, Map<Integer, String> table) {
        List<String> names = names(register, table);
        return String.format("0x%08x: %s", register, names.isEmpty() ? "none" : String.join(", ", names));
    }
}
