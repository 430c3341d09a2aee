package io.pvscope.agent.cli;

import picocli.CommandLine;

/** Entry point of pvscope-agent.jar. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new PvScopeCommand()).execute(args));
    }
}
