package io.pvscope.agent.kv.xenstore;

import io.pvscope.agent.kv.xenstore.internal.DeviceTransport;
import io.pvscope.agent.kv.xenstore.internal.SocketTransport;
import io.pvscope.agent.kv.xenstore.internal.XsSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where xenstored is reached: its unix socket (dom0) or a guest's xenbus device; both carry the same framing. */
public record XenStoreEndpoint(String location, XsSession.Opener opener) {

    /** The socket the daemon and Xen's own clients use when XENSTORED_PATH does not name another. */
    public static final Path DEFAULT_SOCKET = Path.of("/run/xenstored/socket");
    public static final Path XENBUS_DEVICE = Path.of("/dev/xen/xenbus");

    public static XenStoreEndpoint socket(Path socket) {
        return new XenStoreEndpoint(socket.toString(), () -> SocketTransport.connect(socket));
    }

    public static XenStoreEndpoint device(Path device) {
        return new XenStoreEndpoint(device.toString(), () -> DeviceTransport.open(device));
    }

    /**
     * The endpoint Xen's clients would pick: $XENSTORED_PATH, else the daemon's socket, else the xenbus
     * device; empty when none exists (then the status says so).
     */
    public static Optional<XenStoreEndpoint> discover(Map<String, String> environment) {
        String configured = environment.get("XENSTORED_PATH");
        if (configured != null && !configured.isEmpty()) {
            Path path = Path.of(configured);
            return Optional.of(path.startsWith("/dev") ? device(path) : socket(path));
        }
        if (Files.exists(DEFAULT_SOCKET)) {
            return Optional.of(socket(DEFAULT_SOCKET));
        }
        if (Files.exists(XENBUS_DEVICE)) {
            return Optional.of(device(XENBUS_DEVICE));
        }
        return Optional.empty();
    }
}
