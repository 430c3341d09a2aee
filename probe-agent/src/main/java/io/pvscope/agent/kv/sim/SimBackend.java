package io.pvscope.agent.kv.sim;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.StoreBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The simulated store. It is named with {@code --store sim} or {@code sim=FILE} rather than an option of its
 * own, and auto mode never finds it: discovery attaches it only when the guest has no store at all.
 */
public final class SimBackend implements StoreBackend {

    @Override
    public String kind() {
        return "sim";
    }

    @Override
    public Optional<PathOption> option() {
        return Optional.empty();
    }

    @Override
    public KvStore open(Path file) throws IOException {
        return SimStore.open(file);
    }

    @Override
    public Found discover(Guest guest) {
        return Found.nothing();
    }
}
