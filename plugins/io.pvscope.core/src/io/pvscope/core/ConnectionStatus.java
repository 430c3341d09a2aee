package io.pvscope.core;

/** Where a {@link TargetConnection} stands. */
public enum ConnectionStatus {
    DISCONNECTED,
    CONNECTING,
    CONNECTED,
    /** Was connected, lost the agent, and retries with back-off until it answers or the user disconnects. */
    RECONNECTING,
    FAILED
}
