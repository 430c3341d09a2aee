package io.pvscope.agent.openbsd;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.StoreBackend;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.StoreStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** OpenBSD's own stores: the pvbus(4) units whose kernel driver has a key/value backend, through /dev/pvbusN. */
public final class PvbusBackend implements StoreBackend {

    private static final List<String> UNITS_WITH_STORES = List.of("Xen", "Hyper-V", "VMware");

    @Override
    public String kind() {
        return "pvbus";
    }

    @Override
    public Optional<PathOption> option() {
        return Optional.empty();
    }

    @Override
    public KvStore open(Path device) throws StoreException {
        return PvbusStore.open(device.toString());
    }

    /** Every unit with a key/value driver; the others answer ENXIO, as the kernel does. */
    @Override
    public Found discover(Guest guest) {
        if (!guest.isOpenBsd()) {
            return Found.nothing();
        }
        List<KvStore> stores = new ArrayList<>();
        List<StoreStatus> missing = new ArrayList<>();
        for (int unit = 0; ; unit++) {
            Path device = guest.root().resolve("/dev/pvbus" + unit);
            if (!Files.exists(device)) {
                break;
            }
            try {
                PvbusStore store = PvbusStore.open(device.toString());
                if (UNITS_WITH_STORES.contains(store.info().unitType())) {
                    stores.add(store);
                } else {
                    store.close();
                }
            } catch (StoreException e) {
                missing.add(StoreStatus.unavailable(kind(), device + ": " + e.errno().text()));
                break;
            }
        }
        return new Found(stores, missing);
    }
}
