package io.pvscope.core;

import java.util.Objects;

/**
 * A connection's status with the reason behind it.
 *
 * @param status  where the connection stands
 * @param message why it failed or what it waits for, or an empty string
 */
public record ConnectionState(ConnectionStatus status, String message) {

    public static final ConnectionState DISCONNECTED = new ConnectionState(ConnectionStatus.DISCONNECTED, "");
    public static final ConnectionState CONNECTING = new ConnectionState(ConnectionStatus.CONNECTING, "");
    public static final ConnectionState CONNECTED = new ConnectionState(ConnectionStatus.CONNECTED, "");

    public ConnectionState {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    public static ConnectionState failed(String message) {
        return new ConnectionState(ConnectionStatus.FAILED, message);
    }

    public static ConnectionState notAnswering(String message) {
        return new ConnectionState(ConnectionStatus.NOT_ANSWERING, message);
    }

    public static ConnectionState reconnecting(String message) {
        return new ConnectionState(ConnectionStatus.RECONNECTING, message);
    }
}
