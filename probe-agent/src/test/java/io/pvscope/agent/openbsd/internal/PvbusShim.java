package io.pvscope.agent.openbsd.internal;

import io.pvscope.agent.testkit.BuildDirectory;
import io.pvscope.testsupport.KitAssumptions;
import io.pvscope.testsupport.nativecode.CSource;
import io.pvscope.testsupport.nativecode.Gcc;
import java.io.IOException;
import java.nio.file.Path;

/**
 * src/test/c/pvbus_shim.c built with gcc into target/pvbus-shim, once per test JVM. A missing gcc skips the
 * tests that need it; a shim that does not compile (a failed _Static_assert) fails them.
 */
final class PvbusShim {

    private PvbusShim() {
    }

    static Path library() throws IOException, InterruptedException {
        return KitAssumptions.orSkip(() -> Gcc.sharedLibrary(CSource.file(BuildDirectory.source("pvbus_shim.c")),
                BuildDirectory.of("pvbus-shim"), "-std=c11", "-Wall", "-Wextra", "-Werror", "-O2", "-ldl", "-lpthread"));
    }
}
