package io.pvscope.agent.cli;

import picocli.CommandLine;

/** Entry point of pvscope-agent.jar. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The pvscope command line, with the hostctl subcommand parsing as getopt(3) does. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PvScopeCommand());
        HostctlCommand.configure(commandLine.getSubcommands().get("hostctl"));
        commandLine.setExecutionExceptionHandler(new UsageErrors());
        return commandLine;
    }
}
