package io.pvscope.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an agent said of itself (GetAgentInfo), for the views.
 *
 * @param started      when the agent started, if it said
 * @param readOnly     whether the caller may write nothing at all
 * @param allowedWritePrefixes where the caller may write, when not read-only
 * @param limits       the agent's bounds on requests, if it said
 * @param backends     each store the agent serves, with whether it is available
 */
public record AgentProperties(String version, String host, String osName, String osVersion, String arch,
        Optional<Instant> started, String root, String callerIdentity, boolean readOnly,
        List<String> allowedWritePrefixes, Optional<Limits> limits, List<Backend> backends) {

    /** What is known of an agent that was not asked. */
    public static final AgentProperties UNKNOWN = new AgentProperties("", "", "", "", "", Optional.empty(), "", "",
            false, List.of(), Optional.empty(), List.of());

    public AgentProperties {
        allowedWritePrefixes = List.copyOf(allowedWritePrefixes);
        backends = List.copyOf(backends);
    }

    /**
     * The agent's bounds on requests.
     *
     * @param backendDeadline how long a store call may take, if the agent bounds it
     */
    public record Limits(int maxKeyBytes, int maxValueBytes, int maxMessageBytes, int maxConcurrentStreams,
            Optional<Duration> backendDeadline) {
    }

    /**
     * One store the agent serves.
     *
     * @param unit   the unit it belongs to, negative when it belongs to none
     * @param reason why it is unavailable, or ""
     */
    public record Backend(String store, int unit, boolean available, boolean simulated, String reason) {
    }
}
