package io.pvscope.agent.kv.kvp.daemon;

import io.pvscope.agent.testkit.BuildDirectory;
import io.pvscope.testsupport.nativecode.CSource;
import io.pvscope.testsupport.nativecode.Gcc;
import java.io.IOException;
import java.nio.file.Path;

/** The LD_PRELOAD shim (src/test/c/hv_kvp_shim.c), built with gcc into target/, once per test run. */
public final class KvpShimLibrary {

    private KvpShimLibrary() {
    }

    /** The shared library, compiled on first use; fails with gcc's own output when it cannot be built. */
    public static Path path() throws IOException, InterruptedException {
        return Gcc.sharedLibrary(CSource.file(BuildDirectory.source("hv_kvp_shim.c")), BuildDirectory.of("hv-kvp-shim"),
                "-O2", "-Wall", "-Wextra", "-Werror", "-ldl");
    }
}
