package io.pvscope.agent.bus;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Which stores to attach: the ones named, and with {@code auto} whatever the guest has (the simulated store
 * when it has none).
 *
 * @param auto     look for the guest's own stores
 * @param simFiles simulated stores to open (an empty path means the default file)
 * @param named    a path per backend kind, given with that backend's option ({@code --xenstore PATH})
 */
public record StoreSelection(boolean auto, List<Path> simFiles, Map<String, Path> named) {

    public StoreSelection {
        simFiles = List.copyOf(simFiles);
        named = Map.copyOf(named);
    }

    /** Auto mode alone: the guest's own stores, else the simulated one. */
    public static StoreSelection automatic() {
        return new StoreSelection(true, List.of(), Map.of());
    }
}
