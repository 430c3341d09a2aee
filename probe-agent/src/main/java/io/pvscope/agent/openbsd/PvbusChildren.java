package io.pvscope.agent.openbsd;

import java.util.Collection;
import java.util.Optional;

/** Which hypervisor each pvbus child driver serves, as the drivers' match functions decide (files.pv). */
final class PvbusChildren {

    private PvbusChildren() {
    }

    /**
     * The unit a driver attached at pvbus0 belongs to, among the {@code present} unit names. pvclock
     * prefers KVM and falls back to OpenBSD's vmm, which offers the same clock.
     */
    static Optional<String> unitOf(String driver, Collection<String> present) {
        String unit = switch (driver) {
            case "pvclock" -> present.contains("KVM") ? "KVM" : "OpenBSD";
            case "vmt" -> "VMware";
            case "xen" -> "Xen";
            case "hyperv" -> "Hyper-V";
            default -> null;
        };
        return Optional.ofNullable(unit).filter(present::contains);
    }

    /** The attribute that holds the value-less items of a driver's extra lines. */
    static String noteKey(String driver) {
        // hyperv prints the VMBus integration services it attached ("heartbeat, kvp, shutdown, timesync").
        return driver.equals("hyperv") ? "services" : "info";
    }
}
