package io.pvscope.agent.cli;

/** Entry point of the hostctl launcher. */
public final class HostctlMain {

    private HostctlMain() {
    }

    public static void main(String[] args) {
        System.exit(HostctlCommand.commandLine().execute(args));
    }
}
