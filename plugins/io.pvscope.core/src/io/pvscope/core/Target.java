package io.pvscope.core;

import java.util.Objects;

import io.pvscope.client.AgentAddress;

/**
 * An agent to talk to: a display name, the address it listens on and how the channel is protected.
 *
 * @param name     shown to the user; defaults to the address
 * @param host     host name or IP literal
 * @param port     TCP port, 1..65535
 * @param security TLS settings; plaintext when null
 */
public record Target(String name, String host, int port, TargetSecurity security) {

    /** A plaintext target. */
    public Target(String name, String host, int port) {
        this(name, host, port, TargetSecurity.PLAINTEXT);
    }

    public Target {
        security = security == null ? TargetSecurity.PLAINTEXT : security;
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        name = name == null || name.isBlank() ? host + ":" + port : name;
    }

    /**
     * Parses an agent's address as every PvScope client does: {@code host}, {@code host:port}, {@code [v6]:port}
     * or a bare IPv6 literal; the port defaults to 7393.
     *
     * @throws IllegalArgumentException with a message fit for the user when the text is not an address
     */
    public static Target parse(String name, String address) {
        AgentAddress parsed = AgentAddress.parse(address);
        if (parsed.isUnixSocket()) {
            throw new IllegalArgumentException("the IDE reaches agents over TCP, not through " + parsed);
        }
        return new Target(name, parsed.host(), parsed.port());
    }

    /** This target with other TLS settings. */
    public Target withSecurity(TargetSecurity other) {
        return new Target(name, host, port, other);
    }

    /** The address as {@code host:port}, the form {@link #parse} reads. */
    public String address() {
        return AgentAddress.tcp(host, port).toString();
    }

    /** True when both name the same endpoint, whatever their display names. */
    public boolean sameAddress(Target other) {
        return host.equalsIgnoreCase(other.host) && port == other.port;
    }
}
