package io.pvscope.agent.kv.kvp;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.StoreBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Hyper-V KVP through hv_kvp_daemon's pool files. */
public final class KvpBackend implements StoreBackend {

    private static final String VMBUS = "/sys/bus/vmbus";

    @Override
    public String kind() {
        return "kvp";
    }

    @Override
    public Optional<PathOption> option() {
        return Optional.of(new PathOption("--kvp-pool-dir", "DIR", "Hyper-V KVP: hv_kvp_daemon's pool files in DIR."));
    }

    @Override
    public KvStore open(Path directory) {
        return new KvpPoolStore(directory);
    }

    /** On a Hyper-V guest only: the pool files can outlive the daemon, and be copied to any machine. */
    @Override
    public Found discover(Guest guest) {
        if (guest.isOpenBsd()) {
            return Found.nothing();
        }
        Path pools = guest.root().resolve(KvpPoolStore.DEFAULT_DIRECTORY.toString());
        if (!guest.root().exists(VMBUS)) {
            return Found.missing(kind(), "no " + VMBUS + ": not a Hyper-V guest");
        }
        if (!Files.exists(pools.resolve(".kvp_pool_0"))) {
            return Found.missing(kind(), "no pool files in " + pools + " (is hv_kvp_daemon running?)");
        }
        return Found.store(new KvpPoolStore(pools));
    }
}
