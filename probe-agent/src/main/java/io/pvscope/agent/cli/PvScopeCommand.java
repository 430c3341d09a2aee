package io.pvscope.agent.cli;

import io.pvscope.agent.AgentVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level {@code pvscope} command: it only groups the subcommands. */
@Command(name = "pvscope", mixinStandardHelpOptions = true, versionProvider = PvScopeCommand.Version.class,
        description = "Finds the hypervisor interfaces of this guest as OpenBSD's pvbus(4) does, and serves them.",
        subcommands = {ServeCommand.class, DetectCommand.class, TreeCommand.class, HostctlCommand.class,
                LsCommand.class, WatchCommand.class, DevicesCommand.class,
                VersionCommand.class})
public final class PvScopeCommand {

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pvscope-agent " + AgentVersion.get()};
        }
    }
}
