package io.pvscope.agent.bus;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.StoreBackend;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.StoreStatus;
import io.pvscope.agent.kv.sim.SimStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the stores a selection names and, in auto mode, the ones this guest has, backend by backend in the
 * table's order (on OpenBSD the kernel's /dev/pvbusN; on Linux XenStore, the Hyper-V KVP pools on a Hyper-V
 * guest, guestinfo when the host answers it); the simulated store when nothing else is there. What was looked
 * for and not found is reported with the reason.
 */
public final class StoreDiscovery {

    private final StoreBackend.Guest guest;
    private final Path defaultSimFile;

    public StoreDiscovery(StoreBackend.Guest guest, Path defaultSimFile) {
        this.guest = guest;
        this.defaultSimFile = defaultSimFile;
    }

    /** The stores opened, and the status of every backend looked at. */
    public record Result(List<KvStore> stores, List<StoreStatus> statuses) {
    }

    public Result open(StoreSelection selection) throws IOException {
        List<KvStore> stores = new ArrayList<>();
        List<StoreStatus> statuses = new ArrayList<>();
        for (StoreBackend backend : StoreBackends.all()) {
            Path named = selection.named().get(backend.kind());
            if (named != null) {
                stores.add(opened(backend, named));
            } else if (selection.auto()) {
                StoreBackend.Found found = backend.discover(guest);
                stores.addAll(found.stores());
                statuses.addAll(found.missing());
            }
        }
        for (Path file : selection.simFiles()) {
            stores.add(SimStore.open(file.toString().isEmpty() ? defaultSimFile : file));
        }
        if (selection.auto() && stores.isEmpty()) {
            stores.add(SimStore.open(defaultSimFile));
        }
        stores.forEach(store -> statuses.add(new StoreStatus(store.info().kind(), true, store.info().location())));
        return new Result(stores, statuses);
    }

    private static KvStore opened(StoreBackend backend, Path path) throws IOException {
        try {
            return backend.open(path);
        } catch (StoreException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }
}
