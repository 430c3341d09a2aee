package io.pvscope.agent.kv.kvp.daemon;

/** The pools as the host addresses them in a KVP message (enum hv_kvp_exchg_pool in uapi linux/hyperv.h). */
public enum HostPool {
    EXTERNAL(0),
    GUEST(1),
    AUTO(2),
    AUTO_EXTERNAL(3),
    AUTO_INTERNAL(4);

    private final int number;

    HostPool(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
