package io.pvscope.agent.server;

import io.pvscope.proto.v1.Limits;
import java.time.Duration;

/**
 * The limits the agent enforces, in one place so that they are explicit, configurable (the configuration
 * file's {@code limits:} section uses these names in snake_case) and reported to clients.
 *
 * @param maxConcurrentStreams HTTP/2 streams per connection
 * @param maxCallsPerClient calls in progress per client (all its connections together)
 * @param maxStreamsPerClient streaming calls (watches, lists) in progress per client
 * @param maxWatchers watches in progress on the whole agent
 * @param ratePerSecond calls per second per client, on average (a token bucket)
 * @param rateBurst calls a client may make at once before the rate applies
 */
public record AgentLimits(int maxKeyBytes, int maxValueBytes, int maxMessageBytes, int maxConcurrentStreams,
                          Duration backendDeadline, int maxWatchKeys, Duration defaultPollInterval,
                          Duration minPollInterval, int maxCallsPerClient, int maxStreamsPerClient,
                          int maxWatchers, double ratePerSecond, int rateBurst) {

    /**
     * Keys up to 1 KiB, values up to PVBUS_KVOP_MAXSIZE (64 KiB), messages up to 4 MiB, 200 000 keys per
     * watched subtree, polled stores every second (never more often than every 100 ms); per client 32 calls
     * of which 8 streams, 50 calls a second with bursts of 100; 64 watches in all.
     */
    public static final AgentLimits DEFAULTS = new AgentLimits(1024, 64 * 1024, 4 * 1024 * 1024, 64,
            Duration.ofSeconds(5), 200_000, Duration.ofSeconds(1), Duration.ofMillis(100), 32, 8, 64, 50, 100);

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
