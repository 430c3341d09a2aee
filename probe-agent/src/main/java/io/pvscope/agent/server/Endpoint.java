package io.pvscope.agent.server;

import io.pvscope.agent.server.security.ListenerKind;
import io.pvscope.agent.server.security.ServerTls;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * One place the agent listens: TCP (plaintext on loopback, or TLS) or a Unix socket with a file mode.
 * Which combinations are safe is decided where the flags are read; this only describes the listener.
 */
public record Endpoint(Optional<InetSocketAddress> tcp, Optional<ServerTls> tls, Optional<Path> socket,
                       Set<PosixFilePermission> socketMode) {

    public static Endpoint plaintext(InetSocketAddress address) {
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException(address + " is not loopback: plaintext is for loopback only");
        }
        return new Endpoint(Optional.of(address), Optional.empty(), Optional.empty(), Set.of());
    }

    public static Endpoint tls(InetSocketAddress address, ServerTls tls) {
        return new Endpoint(Optional.of(address), Optional.of(tls), Optional.empty(), Set.of());
    }

    public static Endpoint unixSocket(Path path, Set<PosixFilePermission> mode) {
        return new Endpoint(Optional.empty(), Optional.empty(), Optional.of(path), Set.copyOf(mode));
    }

    public ListenerKind kind() {
        return socket.isPresent() ? ListenerKind.UNIX : tls.isPresent() ? ListenerKind.TLS
                : ListenerKind.PLAINTEXT_LOOPBACK;
    }
}
