package io.pvscope.agent.kv.guestinfo;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.StoreBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** VMware guestinfo through open-vm-tools' vmware-rpctool, attached when the host answers it. */
public final class GuestinfoBackend implements StoreBackend {

    private static final String TOOL = "/usr/bin/vmware-rpctool";
    /** How long one call of the tool may take before the read fails. */
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @Override
    public String kind() {
        return "guestinfo";
    }

    @Override
    public Optional<PathOption> option() {
        return Optional.of(new PathOption("--guestinfo-tool", "PATH", "VMware guestinfo through this vmware-rpctool."));
    }

    @Override
    public KvStore open(Path tool) {
        return new GuestinfoStore(tool, DEADLINE);
    }

    @Override
    public Found discover(Guest guest) {
        if (guest.isOpenBsd()) {
            return Found.nothing();
        }
        Path tool = guest.root().resolve(TOOL);
        if (!Files.isExecutable(tool)) {
            return Found.missing(kind(), "no " + TOOL + " (open-vm-tools)");
        }
        GuestinfoStore store = new GuestinfoStore(tool, DEADLINE);
        return store.unavailableReason().map(reason -> Found.missing(kind(),
                reason)).orElseGet(() -> Found.store(store));
    }
}
