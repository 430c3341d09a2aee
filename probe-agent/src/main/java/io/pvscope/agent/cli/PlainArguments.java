package io.pvscope.agent.cli;

/**
 * What the commands that parse their plain forms without picocli ({@link ServeArguments},
 * {@link DetectArguments}, {@link HostctlArguments}) take as an option's value: only what picocli would take
 * the same way. Anything else is left to picocli.
 */
final class PlainArguments {

    private PlainArguments() {
    }

    /** An argument that is a value: there, and not like an option or an @file (those picocli judges). */
    static boolean isValue(String[] args, int index) {
        return index < args.length && !args[index].startsWith("-") && !args[index].startsWith("@");
    }
}
