package io.pvscope.agent.kv.kvp.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * The four pools OpenBSD's hypervic(4) lets the guest address, with the number the host protocol gives each.
 * Linux's hv_kvp_daemon keeps pool N in the file {@code .kvp_pool_N} and uses the same HV_KVP_POOL_* numbers
 * (uapi linux/hyperv.h: EXTERNAL 0, GUEST 1, AUTO 2, AUTO_EXTERNAL 3), so the number is also the file's.
 * Pool 4 (AUTO_INTERNAL) has no name in OpenBSD and is therefore not addressable.
 */
public enum KvpPool {
    EXTERNAL("External", 0, GuestAccess.READ_ONLY),
    GUEST("Guest", 1, GuestAccess.INSERT_ONLY),
    AUTO("Auto", 2, GuestAccess.UPDATE_ONLY),
    GUEST_PARAMETERS("Guest/Parameters", 3, GuestAccess.READ_ONLY);

    /** What the guest may do to a pool, as hv_kvop allows it. */
    public enum GuestAccess { READ_ONLY, INSERT_ONLY, UPDATE_ONLY }

    private final String poolName;
    private final int number;
    private final GuestAccess access;

    KvpPool(String poolName, int number, GuestAccess access) {
        this.poolName = poolName;
        this.number = number;
        this.access = access;
    }

    /** The name as OpenBSD spells it, e.g. "Guest/Parameters". */
    public String poolName() {
        return poolName;
    }

    /** HV_KVP_POOL_* number, which is also the N of the daemon's {@code .kvp_pool_N}. */
    public int number() {
        return number;
    }

    public GuestAccess access() {
        return access;
    }

    public String fileName() {
        return ".kvp_pool_" + number;
    }

    /** The pool whose whole name equals {@code name}, ignoring case as strncasecmp does in hypervic. */
    public static Optional<KvpPool> byName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (KvpPool pool : values()) {
            if (pool.poolName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(pool);
            }
        }
        return Optional.empty();
    }
}
