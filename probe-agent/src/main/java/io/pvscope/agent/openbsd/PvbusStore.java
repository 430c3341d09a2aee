package io.pvscope.agent.openbsd;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.KvValue;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.StoreInfo;
import io.pvscope.agent.openbsd.internal.PvbusDevice;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The key/value store of one OpenBSD unit, through the kernel's own driver behind /dev/pvbusN: keys and
 * errors are exactly the driver's (vmt, xenstore, hypervic). Units without a backend (KVM, bhyve, vmm)
 * answer every operation with ENXIO, as the kernel does.
 */
public final class PvbusStore implements KvStore {

    private final PvbusDevice device;
    private final String unitType;

    private PvbusStore(PvbusDevice device, String unitType) {
        this.device = device;
        this.unitType = unitType;
    }

    /** The store behind {@code path} ("/dev/pvbus1"), named by the kernel's answer to PVBUSIOC_TYPE. */
    public static PvbusStore open(String path) throws StoreException {
        PvbusDevice device = new PvbusDevice(path);
        return new PvbusStore(device, device.type());
    }

    @Override
    public StoreInfo info() {
        return new StoreInfo("pvbus", unitType, false, false, device.path());
    }

    /**
     * The driver answers a directory's read with its children's names and does not say so; the value is
     * called a listing when the key has children and the names match them (an empty leaf cannot be told
     * from an empty directory, as on OpenBSD itself).
     */
    @Override
    public KvValue read(String key) throws StoreException {
        byte[] value = device.read(key);
        if (unitType.equals("VMware")) {
            return KvValue.of(value);
        }
        List<String> children = list(key);
        boolean listing = !children.isEmpty()
                && new String(value, StandardCharsets.UTF_8).equals(String.join("\n", children));
        return new KvValue(value, listing);
    }

    @Override
    public byte[] write(String key, byte[] value) throws StoreException {
        return device.write(key, value);
    }

    /**
     * A read of the key split on "\n", where the driver lists through reads: XenStore returns a
     * directory's children (so does an empty leaf: "" - the driver cannot tell them apart), Hyper-V the
     * keys of a pool named with a trailing "/". VMware's guestinfo has no hierarchy (EOPNOTSUPP, as vmt).
     */
    @Override
    public List<String> list(String key) throws StoreException {
        String listed = switch (unitType) {
            case "Hyper-V" -> key.endsWith("/") ? key : key + "/";
            case "VMware" -> throw new StoreException(Errno.EOPNOTSUPP,
                    device.path() + ": VMware guestinfo has no key listing");
            // Xen lists directories; units without a backend answer ENXIO to the read.
            default -> key;
        };
        String names = new String(device.read(listed), StandardCharsets.UTF_8);
        return names.isEmpty() ? List.of() : List.of(names.split("\n"));
    }
}
