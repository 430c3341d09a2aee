package io.pvscope.agent.kv.xenstore;

import io.pvscope.agent.fs.SystemRoot;
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
     * device, looked for under {@code root}; empty when none exists (then the status says so).
     */
    public static Optional<XenStoreEndpoint> discover(Map<String, String> environment, SystemRoot root) {
        String configured = environment.get("XENSTORED_PATH");
        if (configured != null && !configured.isEmpty()) {
            return Optional.of(at(Path.of(configured)));
        }
        Path socket = root.resolve(DEFAULT_SOCKET.toString());
        if (Files.exists(socket)) {
            return Optional.of(socket(socket));
        }
        Path device = root.resolve(XENBUS_DEVICE.toString());
        if (Files.exists(device)) {
            return Optional.of(device(device));
        }
        return Optional.empty();
    }

    /** A path named by the user: the xenbus device when it lies under /dev, else the daemon's socket. */
    public static XenStoreEndpoint at(Path path) {
        return path.startsWith("/dev") ? device(path) : socket(path);
    }
}
