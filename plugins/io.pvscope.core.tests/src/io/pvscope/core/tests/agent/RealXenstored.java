package io.pvscope.core.tests.agent;

import io.pvscope.testsupport.KitAssumptions;
import io.pvscope.testsupport.xenstore.Xenstored;
import java.io.IOException;
import java.nio.file.Path;

/** The test kit's real cxenstored for the plug-in's tests, skipped where it cannot run here. */
public final class RealXenstored {

    private RealXenstored() {
    }

    /**
     * Starts cxenstored in a new folder of the system's temporary directory (short enough for its socket),
     * which closing it removes; its shim is built under the test module's target/ (Tycho runs tests in it).
     */
    public static Xenstored start() throws IOException, InterruptedException {
        Path buildDir = Path.of(System.getProperty("user.dir"), "target", "xenstored-shim");
        return KitAssumptions.orSkip(() -> Xenstored.startInTempDir(Xenstored.Daemon.CXENSTORED, buildDir));
    }
}
