package io.pvscope.agent.kv.xenstore.internal;

/** XenStore wire message types, numbered as Xen's public io/xs_wire.h assigns them. */
public enum XsType {
    CONTROL(0),
    DIRECTORY(1),
    READ(2),
    GET_PERMS(3),
    WATCH(4),
    UNWATCH(5),
    TRANSACTION_START(6),
    TRANSACTION_END(7),
    INTRODUCE(8),
    RELEASE(9),
    GET_DOMAIN_PATH(10),
    WRITE(11),
    MKDIR(12),
    RM(13),
    SET_PERMS(14),
    WATCH_EVENT(15),
    ERROR(16),
    IS_DOMAIN_INTRODUCED(17),
    RESUME(18),
    SET_TARGET(19),
    RESET_WATCHES(21),
    DIRECTORY_PART(22);

    private final int code;

    XsType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with this wire code, or null for one this client does not know. */
    public static XsType byCode(int code) {
        for (XsType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
