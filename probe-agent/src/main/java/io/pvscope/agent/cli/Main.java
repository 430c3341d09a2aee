package io.pvscope.agent.cli;

import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Entry point of pvscope-agent.jar. */
public final class Main {

    private static final Set<String> TOP_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** The pvscope command line with every subcommand built: what the manual page and tests inspect. */
    public static CommandLine commandLine() {
        CommandLine commandLine = top();
        for (String name : Subcommands.NAMES) {
            commandLine.addSubcommand(name, subcommand(name));
        }
        return commandLine;
    }

    /**
     * A command line that parses {@code args} as {@link #commandLine()} does, built only as far as they need:
     * the named subcommand alone, or for the top command's own options a list of the subcommands with their
     * descriptions and nothing else. Anything else (a misspelt name, an @file) gets the full model.
     */
    public static CommandLine commandLine(String... args) {
        String first = args.length == 0 ? "--help" : args[0];
        if (Subcommands.NAMES.contains(first)) {
            return top().addSubcommand(first, subcommand(first));
        }
        if (!TOP_OPTIONS.contains(first)) {
            return commandLine();
        }
        CommandLine commandLine = top();
        for (String name : Subcommands.NAMES) {
            CommandSpec listed = CommandSpec.create().name(name);
            listed.usageMessage().description(Subcommands.description(name));
            commandLine.addSubcommand(name, new CommandLine(listed));
        }
        return commandLine;
    }

    private static CommandLine top() {
        CommandLine commandLine = new CommandLine(new PvScopeCommand());
        commandLine.setExecutionExceptionHandler(new UsageErrors());
        return commandLine;
    }

    private static CommandLine subcommand(String name) {
        CommandLine subcommand = new CommandLine(Subcommands.type(name).orElseThrow());
        if (name.equals("hostctl")) {
            HostctlCommand.configure(subcommand);
        }
        return subcommand;
    }
}
