package io.pvscope.agent.server;

import io.grpc.Status;
import io.pvscope.agent.kv.Errno;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Checks keys and values against the agent's limits before any backend sees them. */
final class RequestLimits {

    /** The most a KvList page holds, in bytes of keys and values. */
    static final long MAX_PAGE_BYTES = 1 << 20;

    private final Supplier<AgentLimits> limits;

    RequestLimits(Supplier<AgentLimits> limits) {
        this.limits = limits;
    }

    void checkKey(String key) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        int max = limits.get().maxKeyBytes();
        if (bytes > max) {
            throw ErrorStatuses.limit(Status.Code.OUT_OF_RANGE, "max_key_bytes",
                    "key is " + bytes + " bytes; the limit (max_key_bytes) is " + max);
        }
        if (key.indexOf('\0') >= 0) {
            throw ErrorStatuses.of(Errno.EINVAL, "key contains a NUL byte");
        }
    }

    /**
     * Pages stay far below the message limit (the client's is 4 MiB by default): {@link #MAX_PAGE_BYTES}, or a quarter
     * of the agent's own limit when that is lower. One entry is at most a key and a value, well under either.
     */
    long maxPageBytes() {
        return Math.min(MAX_PAGE_BYTES, limits.get().maxMessageBytes() / 4);
    }

    void checkValue(int bytes) {
        int max = limits.get().maxValueBytes();
        if (bytes > max) {
            throw ErrorStatuses.limit(Status.Code.OUT_OF_RANGE, "max_value_bytes",
                    "value is " + bytes + " bytes; the limit (max_value_bytes) is " + max);
        }
    }
}
