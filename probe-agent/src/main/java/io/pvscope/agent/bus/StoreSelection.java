package io.pvscope.agent.bus;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which stores to attach: the ones named, and with {@code auto} whatever the guest has (the simulated store
 * when it has none).
 *
 * @param auto         look for the guest's own stores
 * @param simFiles     simulated stores to open (an empty path means the default file)
 * @param xenstore     a xenstored socket or /dev/xen/xenbus
 * @param kvpPoolDir   hv_kvp_daemon's pool directory
 * @param guestinfoTool vmware-rpctool
 */
public record StoreSelection(boolean auto, List<Path> simFiles, Optional<Path> xenstore, Optional<Path> kvpPoolDir,
                             Optional<Path> guestinfoTool) {

    public StoreSelection {
        simFiles = List.copyOf(simFiles);
    }
}
