package io.pvscope.agent.cli;

import io.pvscope.agent.bus.StoreDiscovery;
import io.pvscope.agent.bus.StoreSelection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which key/value stores {@code serve} (and local hostctl) attach. */
final class StoreOptions {

    @Option(names = "--store", paramLabel = "STORE",
            description = "'auto' (the default without other store options: the guest's own stores, else the "
                    + "simulated one), 'sim' or 'sim=FILE' (the built-in simulated store), 'none'. Repeatable.")
    private List<String> stores = new ArrayList<>();

    @Option(names = "--xenstore", paramLabel = "PATH", description = "XenStore: a xenstored socket or /dev/xen/xenbus.")
    private Path xenstore;

    @Option(names = "--kvp-pool-dir", paramLabel = "DIR", description = "Hyper-V KVP: hv_kvp_daemon's pool files in DIR.")
    private Path kvpPoolDir;

    @Option(names = "--guestinfo-tool", paramLabel = "PATH", description = "VMware guestinfo through this vmware-rpctool.")
    private Path guestinfoTool;

    StoreDiscovery.Result open() throws IOException {
        boolean named = xenstore != null || guestinfoTool != null || kvpPoolDir != null;
        List<String> requested = stores.isEmpty() && !named ? List.of("auto") : stores;
        boolean auto = false;
        List<Path> simFiles = new ArrayList<>();
        for (String store : requested) {
            if (store.equals("auto")) {
                auto = true;
            } else if (store.equals("sim")) {
                simFiles.add(Path.of(""));
            } else if (store.startsWith("sim=") && store.length() > 4) {
                simFiles.add(Path.of(store.substring(4)));
            } else if (!store.equals("none")) {
                throw new IllegalArgumentException("unknown store '" + store + "' (auto, sim, sim=FILE, none)");
            }
        }
        StoreSelection selection = new StoreSelection(auto, simFiles, Optional.ofNullable(xenstore), Optional.ofNullable(kvpPoolDir),
                Optional.ofNullable(guestinfoTool));
        return new StoreDiscovery(System.getenv(), defaultSimFile(), System.getProperty("os.name", "")).open(selection);
    }

    /** A system daemon keeps state under /var/lib; a user's agent under their XDG state directory. */
    static Path defaultSimFile() {
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/lib/pvscope/sim.json");
        }
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isEmpty() ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("pvscope").resolve("sim.json");
    }
}
