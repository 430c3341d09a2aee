package io.pvscope.agent.kv.xenstore;

import io.pvscope.agent.testkit.BuildDirectory;
import io.pvscope.testsupport.KitAssumptions;
import io.pvscope.testsupport.xenstore.Xenstored;
import java.nio.file.Path;

/** The test kit's real XenStore daemon as the agent's tests use it: skipped where it cannot run, reached as an endpoint. */
public final class RealXenstored {

    private RealXenstored() {
    }

    /** Starts {@code daemon} in {@code dir} (a JUnit temporary folder, short enough for its socket). */
    public static Xenstored start(Xenstored.Daemon daemon, Path dir) throws Exception {
        return KitAssumptions.orSkip(() -> Xenstored.start(daemon, dir, BuildDirectory.of("xenstored-shim")));
    }

    /** dom0's connection to the daemon, over its Unix socket. */
    public static XenStoreEndpoint endpoint(Xenstored xenstored) {
        return XenStoreEndpoint.socket(xenstored.socket());
    }
}
