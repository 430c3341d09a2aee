package io.pvscope.agent.cli;

/** Entry point of the hostctl launcher. */
public final class HostctlMain {

    private HostctlMain() {
    }

    public static void main(String[] args) throws Exception {
        // A local hostctl with getopt's options does not need picocli; a remote one, help and errors do.
        java.util.OptionalInt done = HostctlArguments.run(args);
        System.exit(done.isPresent() ? done.getAsInt() : HostctlCommandLines.commandLine().execute(args));
    }
}
