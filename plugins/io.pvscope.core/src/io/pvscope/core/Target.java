package io.pvscope.core;

import java.util.Objects;

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
     * Parses {@code host:port} (IPv6 literals in brackets: {@code [::1]:7393}).
     *
     * @throws IllegalArgumentException with a message fit for the user when the text is not an address
     */
    public static Target parse(String name, String address) {
        String text = address == null ? "" : address.trim();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number: '" + text.substring(colon + 1) + "'");
        }
        return new Target(name, host, port);
    }

    /** This target with other TLS settings. */
    public Target withSecurity(TargetSecurity other) {
        return new Target(name, host, port, other);
    }

    /** The address as {@code host:port}, the form {@link #parse} reads. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** True when both name the same endpoint, whatever their display names. */
    public boolean sameAddress(Target other) {
        return host.equalsIgnoreCase(other.host) && port == other.port;
    }
}
