package io.pvscope.core;

/** Where a {@link TargetConnection} stands. */
public enum ConnectionStatus {
    DISCONNECTED,
    CONNECTING,
    CONNECTED,
    /**
     * Connected, but the agent has not answered for a few seconds: its guest may be stopped at a breakpoint,
     * frozen or cut off. What was last fetched stays valid as last-known state; calls wait for their deadline.
     */
    NOT_ANSWERING,
    /** Was connected, lost the agent, and retries with back-off until it answers or the user disconnects. */
    RECONNECTING,
    FAILED
}
