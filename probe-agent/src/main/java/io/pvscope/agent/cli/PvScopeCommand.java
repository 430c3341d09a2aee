package io.pvscope.agent.cli;

import io.pvscope.agent.AgentVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level {@code pvscope} command: it only groups the subcommands, which {@link Main} adds. */
@Command(name = "pvscope", mixinStandardHelpOptions = true, versionProvider = PvScopeCommand.Version.class,
        description = "Finds the hypervisor interfaces of this guest as OpenBSD's pvbus(4) does, and serves them.")
public final class PvScopeCommand {

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pvscope-agent " + AgentVersion.get()};
        }
    }
}
