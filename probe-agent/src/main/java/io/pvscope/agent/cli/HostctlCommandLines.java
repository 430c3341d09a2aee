package io.pvscope.agent.cli;

import io.pvscope.agent.hostctl.Hostctl;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * picocli's command lines of {@code hostctl}, configured as getopt(3) parses: clustered flags, no options
 * after operands. Not in {@link HostctlCommand}, so that a hostctl run without picocli ({@link HostctlArguments})
 * loads none of it.
 */
public final class HostctlCommandLines {

    private HostctlCommandLines() {
    }

    public static CommandLine commandLine() {
        return commandLine(new HostctlCommand());
    }

    public static CommandLine commandLine(HostctlCommand command) {
        return configure(new CommandLine(command));
    }

    static CommandLine configure(CommandLine commandLine) {
        return commandLine.setStopAtPositional(true).setPosixClusteredShortOptionsAllowed(true)
                .setExecutionExceptionHandler(new UsageErrors())
                .setErr(new PrintWriter(((HostctlCommand) commandLine.getCommand()).stderr(), true))
                .setParameterExceptionHandler((e, args) -> {
                    e.getCommandLine().getErr().println(Hostctl.USAGE);
                    e.getCommandLine().getErr().println(Hostctl.REMOTE_USAGE);
                    e.getCommandLine().getErr().flush();
                    return 1;
                });
    }
}
