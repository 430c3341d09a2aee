package io.pvscope.agent.server;

import io.grpc.Status;
import io.pvscope.agent.kv.Errno;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Checks keys and values against the agent's limits before any backend sees them. */
final class RequestLimits {

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

    void checkValue(int bytes) {
        int max = limits.get().maxValueBytes();
        if (bytes > max) {
            throw ErrorStatuses.limit(Status.Code.OUT_OF_RANGE, "max_value_bytes",
                    "value is " + bytes + " bytes; the limit (max_value_bytes) is " + max);
        }
    }
}
