package io.pvscope.testsupport.xenstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts a daemon under the shim, its files all in its directory. */
final class XenstoredCommand {

    private XenstoredCommand() {
    }

    static List<String> of(Xenstored.Daemon daemon, Path binary, Path shim, Path dir, Xenstored.Tracing tracing)
            throws IOException {
        if (daemon == Xenstored.Daemon.CXENSTORED) {
            List<String> command = new ArrayList<>(List.of("env", "LD_PRELOAD=" + shim, binary.toString(), "-N"));
            if (tracing == Xenstored.Tracing.TRACED) {
                command.addAll(List.of("-T", dir.resolve("trace").toString()));
            }
            return command;
        }
        // oxenstored's socket path is compiled in: a private mount namespace makes that path this directory.
        Path config = dir.resolve("oxenstored.conf");
        Files.writeString(config, String.join("\n",
                "pid-file = " + dir.resolve("pid"),
                "xenstored-log-file = " + dir.resolve("xenstored.log"),
                "access-log-file = " + dir.resolve("access.log"),
                "xenstored-kva = " + dir.resolve("xsd_kva"),
                "xenstored-port = " + dir.resolve("xsd_port"),
                "persistent = false",
                "quota-maxsize = 2048",
                ""));
        String script = "mkdir -p /run/xenstored && mount --bind \"$1\" /run/xenstored && shift && exec \"$@\"";
        return List.of("unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", dir.toString(),
                "env", "LD_PRELOAD=" + shim, binary.toString(), "--no-fork", "--config-file", config.toString());
    }
}
