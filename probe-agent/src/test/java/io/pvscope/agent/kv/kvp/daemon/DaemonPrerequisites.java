package io.pvscope.agent.kv.kvp.daemon;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pvscope.testsupport.Unavailable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * Skips, with the reason, the tests that need the real daemon where it cannot run: hv_kvp_daemon not
 * installed (Debian package hyperv-daemons), no gcc to build the shim, or no right to make a mount namespace.
 */
public final class DaemonPrerequisites {

    private static String missing;
    private static boolean checked;

    private DaemonPrerequisites() {
    }

    public static void assumeDaemonCanRun() {
        String reason = check();
        assumeTrue(reason == null, () -> "the real hv_kvp_daemon cannot run here: " + reason);
    }

    private static synchronized String check() {
        if (!checked) {
            missing = firstMissing();
            checked = true;
        }
        return missing;
    }

    private static String firstMissing() {
        if (!Files.isExecutable(KvpDaemonProcess.DAEMON)) {
            return KvpDaemonProcess.DAEMON + " is not installed (apt-get install hyperv-daemons)";
        }
        try {
            KvpShimLibrary.path();
        } catch (Unavailable e) {
            return "the LD_PRELOAD shim cannot be built: " + e.getMessage();
        } catch (IOException e) {
            // gcc is there but the shim does not compile: a bug to see, not a machine to skip.
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while building the shim";
        }
        try {
            Processes.run(List.of("unshare", "--mount", "--propagation", "private", "true"), Duration.ofSeconds(20));
        } catch (IOException e) {
            return "no private mount namespace for the daemon (needs root or CAP_SYS_ADMIN): " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while trying unshare";
        }
        return null;
    }
}
