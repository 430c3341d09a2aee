package io.pvscope.agent.kv.kvp.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Builds the LD_PRELOAD shim (src/test/c/hv_kvp_shim.c) with gcc into target/, once per test run. */
public final class KvpShimLibrary {

    private static Path built;

    private KvpShimLibrary() {
    }

    /** The shared library, compiled on first use; fails with gcc's own output when it cannot be built. */
    public static synchronized Path path() throws IOException, InterruptedException {
        if (built == null) {
            Path module = ModuleDirectory.get();
            Path library = module.resolve("target/hv-kvp-shim/libhv_kvp_shim.so");
            Files.createDirectories(library.getParent());
            Processes.run(List.of("gcc", "-shared", "-fPIC", "-O2", "-Wall", "-Wextra", "-Werror",
                    "-o", library.toString(), module.resolve("src/test/c/hv_kvp_shim.c").toString(), "-ldl"),
                    Duration.ofMinutes(2));
            built = library;
        }
        return built;
    }
}
