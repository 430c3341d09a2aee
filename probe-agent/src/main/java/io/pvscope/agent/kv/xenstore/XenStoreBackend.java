package io.pvscope.agent.kv.xenstore;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.StoreBackend;
import java.nio.file.Path;
import java.util.Optional;

/** XenStore on Linux: xenstored's socket in dom0 (or a driver domain), the xenbus device in a guest. */
public final class XenStoreBackend implements StoreBackend {

    @Override
    public String kind() {
        return "xenstore";
    }

    @Override
    public Optional<PathOption> option() {
        return Optional.of(new PathOption("--xenstore", "PATH", "XenStore: a xenstored socket or /dev/xen/xenbus."));
    }

    @Override
    public KvStore open(Path path) {
        return new XenStoreKvStore(XenStoreEndpoint.at(path));
    }

    @Override
    public Found discover(Guest guest) {
        if (guest.isOpenBsd()) {
            return Found.nothing();
        }
        return XenStoreEndpoint.discover(guest.environment(), guest.root())
                .map(endpoint -> Found.store(new XenStoreKvStore(endpoint)))
                .orElseGet(() -> Found.missing(kind(), "no " + XenStoreEndpoint.XENBUS_DEVICE
                        + " and no xenstored socket (" + XenStoreEndpoint.DEFAULT_SOCKET + ")"));
    }
}
