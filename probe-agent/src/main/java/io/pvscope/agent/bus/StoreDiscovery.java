package io.pvscope.agent.bus;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.guestinfo.GuestinfoStore;
import io.pvscope.agent.kv.kvp.KvpPoolStore;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.agent.kv.xenstore.XenStoreEndpoint;
import io.pvscope.agent.kv.xenstore.XenStoreKvStore;
import io.pvscope.agent.openbsd.PvbusStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the stores a selection names and, in auto mode, the ones this guest has: on OpenBSD the kernel's
 * (/dev/pvbusN for units with a key/value driver); on Linux XenStore (daemon socket or xenbus device), the
 * Hyper-V KVP pools on a Hyper-V guest, the guestinfo tool when the host answers it; the simulated store when nothing else is there. What was looked
 * for and not found is reported with the reason.
 */
public final class StoreDiscovery {

    static final Path GUESTINFO_TOOL = Path.of("/usr/bin/vmware-rpctool");
    private static final Duration BACKEND_DEADLINE = Duration.ofSeconds(5);

    private final Map<String, String> environment;
    private final Path defaultSimFile;
    private final String osName;
    private final Path vmbus;
    private final Path kvpDirectory;

    public StoreDiscovery(Map<String, String> environment, Path defaultSimFile, String osName) {
        this(environment, defaultSimFile, osName, Path.of("/sys/bus/vmbus"), KvpPoolStore.DEFAULT_DIRECTORY);
    }

    /** With the places auto mode looks at given, so that discovery can be checked on prepared directories. */
    StoreDiscovery(Map<String, String> environment, Path defaultSimFile, String osName, Path vmbus, Path kvpDirectory) {
        this.environment = environment;
        this.defaultSimFile = defaultSimFile;
        this.osName = osName;
        this.vmbus = vmbus;
        this.kvpDirectory = kvpDirectory;
    }

    /** The stores opened, and the status of every backend looked at. */
    public record Result(List<KvStore> stores, List<StoreStatus> statuses) {
    }

    public Result open(StoreSelection selection) throws IOException {
        List<KvStore> stores = new ArrayList<>();
        List<StoreStatus> statuses = new ArrayList<>();
        selection.xenstore().ifPresent(path -> stores.add(xenstore(path)));
        selection.guestinfoTool().ifPresent(tool -> stores.add(new GuestinfoStore(tool, BACKEND_DEADLINE)));
        selection.kvpPoolDir().ifPresent(dir -> stores.add(new KvpPoolStore(dir)));
        if (selection.auto()) {
            if (osName.equals("OpenBSD")) {
                openbsdStores(stores, statuses);
            } else {
                linuxStores(selection, stores, statuses);
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

    private void linuxStores(StoreSelection selection, List<KvStore> stores, List<StoreStatus> statuses) {
        if (selection.xenstore().isEmpty()) {
            Optional<XenStoreEndpoint> endpoint = XenStoreEndpoint.discover(environment);
            if (endpoint.isPresent()) {
                stores.add(new XenStoreKvStore(endpoint.get()));
            } else {
                statuses.add(StoreStatus.unavailable("xenstore", "no " + XenStoreEndpoint.XENBUS_DEVICE
                        + " and no xenstored socket (" + XenStoreEndpoint.DEFAULT_SOCKET + ")"));
            }
        }
        if (selection.kvpPoolDir().isEmpty()) {
            kvpStore(stores, statuses);
        }
        if (selection.guestinfoTool().isEmpty()) {
            if (!Files.isExecutable(GUESTINFO_TOOL)) {
                statuses.add(StoreStatus.unavailable("guestinfo", "no " + GUESTINFO_TOOL + " (open-vm-tools)"));
            } else {
                GuestinfoStore guestinfo = new GuestinfoStore(GUESTINFO_TOOL, BACKEND_DEADLINE);
                Optional<String> reason = guestinfo.unavailableReason();
                if (reason.isEmpty()) {
                    stores.add(guestinfo);
                } else {
                    statuses.add(StoreStatus.unavailable("guestinfo", reason.get()));
                }
            }
        }
    }

    /** hv_kvp_daemon's pools, on a Hyper-V guest only: the files can outlive the daemon on any machine. */
    private void kvpStore(List<KvStore> stores, List<StoreStatus> statuses) {
        Path pools = kvpDirectory;
        if (!Files.isDirectory(vmbus)) {
            statuses.add(StoreStatus.unavailable("kvp", "no " + vmbus + ": not a Hyper-V guest"));
        } else if (!Files.exists(pools.resolve(".kvp_pool_0"))) {
            statuses.add(StoreStatus.unavailable("kvp", "no pool files in " + pools + " (is hv_kvp_daemon running?)"));
        } else {
            stores.add(new KvpPoolStore(pools));
        }
    }

    /** Every unit whose kernel driver has a key/value backend; the others answer ENXIO, as the kernel does. */
    private static void openbsdStores(List<KvStore> stores, List<StoreStatus> statuses) {
        for (int unit = 0; ; unit++) {
            String device = "/dev/pvbus" + unit;
            if (!Files.exists(Path.of(device))) {
                break;
            }
            try {
                PvbusStore store = PvbusStore.open(device);
                if (List.of("Xen", "Hyper-V", "VMware").contains(store.info().unitType())) {
                    stores.add(store);
                }
            } catch (StoreException e) {
                statuses.add(StoreStatus.unavailable("pvbus", device + ": " + e.errno().text()));
                break;
            }
        }
    }

    private static KvStore xenstore(Path path) {
        return new XenStoreKvStore(path.startsWith("/dev") ? XenStoreEndpoint.device(path) : XenStoreEndpoint.socket(path));
    }
}
