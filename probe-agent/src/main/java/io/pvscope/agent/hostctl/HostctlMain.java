package io.pvscope.agent.hostctl;

import io.pvscope.agent.cli.HostctlCommand;

/** Entry point of the hostctl launcher. */
public final class HostctlMain {

    private HostctlMain() {
    }

    public static void main(String[] args) {
        System.exit(HostctlCommand.commandLine().execute(args));
    }
}
