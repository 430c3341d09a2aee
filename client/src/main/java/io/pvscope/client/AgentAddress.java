package io.pvscope.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an agent listens: a TCP host and port, or a Unix socket. One syntax for every client and for the
 * agent's own {@code --listen}:
 * <ul>
 * <li>{@code host}, {@code host:port}: a name or an IPv4 address; the port defaults to {@value #DEFAULT_PORT}</li>
 * <li>{@code [v6]}, {@code [v6]:port}: an IPv6 literal, with an optional zone ({@code [fe80::1%eth0]:7393})</li>
 * <li>{@code fe80::1}: an IPv6 literal without brackets is all address, never address and port</li>
 * <li>{@code unix:/path}: the agent's Unix socket</li>
 * </ul>
 * Parsing never resolves names; {@link #resolve()} does.
 *
 * @param host   the host name or IP literal (without brackets); empty for a Unix socket
 * @param port   the TCP port; 0 for a Unix socket or, when listening, for "any free port"
 * @param socket the Unix socket, if this is one
 */
public record AgentAddress(String host, int port, Optional<Path> socket) {

    /** The agent's registered-nowhere default port. */
    public static final int DEFAULT_PORT = 7393;

    private static final String UNIX = "unix:";

    public AgentAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(socket, "socket");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0-65535: " + port);
        }
    }

    /** A TCP address, as written by a client: port 1-65535, {@value #DEFAULT_PORT} when omitted. */
    public static AgentAddress parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.startsWith(UNIX)) {
            String path = trimmed.substring(UNIX.length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException("expected unix:/path, got '" + trimmed + "'");
            }
            return new AgentAddress("", 0, Optional.of(Path.of(path).toAbsolutePath().normalize()));
        }
        AgentAddress address = parseTcp(trimmed, DEFAULT_PORT);
        if (address.port() == 0) {
            throw new IllegalArgumentException("port out of range 1-65535: 0");
        }
        return address;
    }

    /** An address to listen on: {@code host:port} with the port required; 0 lets the system choose. */
    public static AgentAddress parseListen(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.startsWith(UNIX)) {
            throw new IllegalArgumentException("a Unix socket is not a TCP address to listen on: '" + trimmed + "'");
        }
        AgentAddress address = parseTcp(trimmed, -1);
        if (address.port() < 0) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + trimmed + "'");
        }
        return address;
    }

    /** A TCP address from its parts. */
    public static AgentAddress tcp(String host, int port) {
        return new AgentAddress(checkedHost(host, host), port, Optional.empty());
    }

    public boolean isUnixSocket() {
        return socket.isPresent();
    }

    /**
     * The socket address, with the host name resolved.
     *
     * @throws IllegalArgumentException for a Unix socket or a host name that does not resolve
     */
    public InetSocketAddress resolve() {
        if (isUnixSocket()) {
            throw new IllegalArgumentException("a Unix socket has no IP address: " + this);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host: '" + host + "'");
        }
    }

    /** The form {@link #parse} reads: {@code host:port}, {@code [v6]:port} or {@code unix:/path}. */
    @Override
    public String toString() {
        return socket.map(path -> UNIX + path)
                .orElseGet(() -> (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
    }

    /** {@code defaultPort} -1: the port is required. */
    private static AgentAddress parseTcp(String text, int defaultPort) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("expected host:port, got nothing");
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' after the IPv6 address in '" + text + "'");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("expected ':port' after ']' in '" + text + "'");
            }
            port = rest.isEmpty() ? null : rest.substring(1);
            if (host.indexOf(':') < 0) {
                throw new IllegalArgumentException("brackets are for IPv6 addresses: '" + text + "'");
            }
        } else {
            int first = text.indexOf(':');
            int last = text.lastIndexOf(':');
            if (first != last) {
                host = text;            // an IPv6 literal: all of it is the address
                port = null;
            } else if (first >= 0) {
                host = text.substring(0, first);
                port = text.substring(first + 1);
            } else {
                host = text;
                port = null;
            }
        }
        int number = port == null ? defaultPort : portNumber(port, text);
        if (number < 0) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
        }
        return new AgentAddress(checkedHost(host, text), number, Optional.empty());
    }

    private static int portNumber(String port, String text) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a port number: '" + port + "' in '" + text + "'");
        }
        int number = Integer.parseInt(port);
        if (number > 65535) {
            throw new IllegalArgumentException("port out of range 0-65535: " + number);
        }
        return number;
    }

    private static String checkedHost(String host, String text) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("no host in '" + text + "'");
        }
        if (host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '[' || c == ']' || c == '@' || c == 0x7f)) {
            throw new IllegalArgumentException("not a host name or IP address: '" + host + "'");
        }
        return host;
    }
}
