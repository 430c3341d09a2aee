package io.pvscope.agent.openbsd;

import io.pvscope.agent.detect.Evidence;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.openbsd.internal.PvbusDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the running OpenBSD kernel for its hypervisor interfaces: /dev/pvbus0, 1, ... opened read-only
 * until one does not exist (ENXIO: no such minor; ENOENT: no such node), each named by PVBUSIOC_TYPE.
 */
public final class PvbusUnits {

    /** The evidence source of what the kernel's devices said. */
    public static final String SOURCE = "pvbus-ioctl";

    /** pvbus knows six hypervisors; the bound only guards against a device that never says "no more". */
    private static final int MAX_UNITS = 64;

    private final String devicePrefix;

    public PvbusUnits(String devicePrefix) {
        this.devicePrefix = devicePrefix;
    }

    /** The kernel's devices, /dev/pvbusN. */
    public static PvbusUnits system() {
        return new PvbusUnits("/dev/pvbus");
    }

    /** The units in /dev/pvbusN order; why the enumeration ended goes into {@code evidence}. */
    public List<PvbusUnit> enumerate(List<Evidence> evidence) {
        List<PvbusUnit> units = new ArrayList<>();
        for (int n = 0; n < MAX_UNITS; n++) {
            String path = devicePrefix + n;
            try {
                units.add(new PvbusUnit(n, path, new PvbusDevice(path).type()));
            } catch (StoreException e) {
                boolean end = e.errno() == Errno.ENXIO || e.errno() == Errno.ENOENT;
                evidence.add(Evidence.of(SOURCE, path,
                        (end ? "end of units: " : "stopped: ") + e.getMessage() + " (" + e.errno() + ")"));
                return units;
            } catch (LinkageError e) {
                evidence.add(Evidence.of(SOURCE, path,
                        "cannot call the kernel: " + e.getMessage()));
                return units;
            }
        }
        return units;
    }
}
