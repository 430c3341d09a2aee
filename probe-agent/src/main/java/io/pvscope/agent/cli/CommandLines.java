package io.pvscope.agent.cli;

import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * picocli's command lines of {@code pvscope}. Not in {@link Main}: the java launcher looks Main's main method up
 * among its public methods, which loads the types those methods name, and a serve that needs no picocli
 * ({@link ServeArguments}) would load it all the same.
 */
public final class CommandLines {

    private static final Set<String> TOP_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private CommandLines() {
    }

    /** The pvscope command line with every subcommand built: what the manual page and tests inspect. */
    public static CommandLine full() {
        CommandLine commandLine = top();
        for (String name : Subcommands.NAMES) {
            commandLine.addSubcommand(name, subcommand(name));
        }
        return commandLine;
    }

    /**
     * A command line that parses {@code args} as {@link #full()} does, built only as far as they need:
     * the named subcommand alone, or for the top command's own options a list of the subcommands with their
     * descriptions and nothing else. Anything else (a misspelt name, an @file) gets the full model.
     */
    public static CommandLine forArguments(String... args) {
        String first = args.length == 0 ? "--help" : args[0];
        if (Subcommands.NAMES.contains(first)) {
            return top().addSubcommand(first, subcommand(first));
        }
        if (!TOP_OPTIONS.contains(first)) {
            return full();
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
            HostctlCommandLines.configure(subcommand);
        }
        return subcommand;
    }
}
