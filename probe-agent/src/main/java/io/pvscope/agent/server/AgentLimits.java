package io.pvscope.agent.server;

import io.pvscope.proto.v1.Limits;
import java.time.Duration;

/** The limits the agent enforces, in one place so that they are explicit and reported to clients. */
public record AgentLimits(int maxKeyBytes, int maxValueBytes, int maxMessageBytes, int maxConcurrentStreams,
                          Duration backendDeadline, int maxWatchKeys, Duration defaultPollInterval,
                          Duration minPollInterval) {

    /**
     * Keys up to 1 KiB, values up to PVBUS_KVOP_MAXSIZE (64 KiB), messages up to 4 MiB, 200 000 keys per
     * watched subtree, polled stores every second (never more often than every 100 ms).
     */
    public static final AgentLimits DEFAULTS = new AgentLimits(1024, 64 * 1024, 4 * 1024 * 1024, 64,
            Duration.ofSeconds(5), 200_000, Duration.ofSeconds(1), Duration.ofMillis(100));

    Limits toProto() {
        return Limits.newBuilder()
                .setMaxKeyBytes(maxKeyBytes)
                .setMaxValueBytes(maxValueBytes)
                .setMaxMessageBytes(maxMessageBytes)
                .setMaxConcurrentStreams(maxConcurrentStreams)
                .setBackendDeadline(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(backendDeadline.getSeconds()).setNanos(backendDeadline.getNano()))
                .build();
    }
}
