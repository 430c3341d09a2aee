package io.pvscope.agent.cli;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.sim.SimStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which key/value stores {@code serve} attaches. */
final class StoreOptions {

    @Option(names = "--store", paramLabel = "STORE",
            description = "Store to attach: 'auto' (default: the guest's own stores, else the simulated one), "
                    + "'sim' or 'sim=FILE' (the built-in simulated store), 'none'. Repeatable.")
    private List<String> stores = new ArrayList<>();

    List<KvStore> open() throws IOException {
        List<String> requested = stores.isEmpty() ? List.of("auto") : stores;
        List<KvStore> opened = new ArrayList<>();
        for (String store : requested) {
            if (store.equals("none")) {
                continue;
            }
            if (store.equals("auto") || store.equals("sim")) {
                opened.add(SimStore.open(defaultSimFile()));
            } else if (store.startsWith("sim=")) {
                opened.add(SimStore.open(Path.of(store.substring(4))));
            } else {
                throw new IllegalArgumentException("unknown store '" + store + "' (auto, sim, sim=FILE, none)");
            }
        }
        return opened;
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
