package io.pvscope.core;

/** Where a {@link TargetConnection} stands. */
public enum ConnectionStatus {
    DISCONNECTED,
    CONNECTING,
    CONNECTED,
    FAILED
}
