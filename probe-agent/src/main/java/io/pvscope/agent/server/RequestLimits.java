package io.pvscope.agent.server;

import io.grpc.Status;
import io.pvscope.agent.kv.Errno;
import java.nio.charset.StandardCharsets;

/** Checks keys and values against the agent's limits before any backend sees them. */
final class RequestLimits {

    private final AgentLimits limits;

    RequestLimits(AgentLimits limits) {
        this.limits = limits;
    }

    void checkKey(String key) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxKeyBytes()) {
            throw ErrorStatuses.limit(Status.Code.OUT_OF_RANGE, "max_key_bytes",
                    "key is " + bytes + " bytes; the limit (max_key_bytes) is " + limits.maxKeyBytes());
        }
        if (key.indexOf('\0') >= 0) {
            throw ErrorStatuses.of(Errno.EINVAL, "key contains a NUL byte");
        }
    }

    void checkValue(int bytes) {
        if (bytes > limits.maxValueBytes()) {
            throw ErrorStatuses.limit(Status.Code.OUT_OF_RANGE, "max_value_bytes",
                    "value is " + bytes + " bytes; the limit (max_value_bytes) is " + limits.maxValueBytes());
        }
    }
}
