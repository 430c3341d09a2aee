package io.pvscope.agent.cli;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * The subcommands of {@code pvscope}, in the order its help lists them. A class is named only in a switch
 * branch, so the JVM loads the one that runs and picocli builds the model of that one alone: the others'
 * options pull in gRPC, TLS and YAML classes that a {@code detect} has no use for.
 */
final class Subcommands {

    static final List<String> NAMES = List.of("serve", "detect", "tree", "hostctl", "ls", "watch", "devices",
            "version");

    private Subcommands() {
    }

    static Optional<Class<?>> type(String name) {
        return Optional.ofNullable(switch (name) {
            case "serve" -> ServeCommand.class;
            case "detect" -> DetectCommand.class;
            case "tree" -> TreeCommand.class;
            case "hostctl" -> HostctlCommand.class;
            case "ls" -> LsCommand.class;
            case "watch" -> WatchCommand.class;
            case "devices" -> DevicesCommand.class;
            case "version" -> VersionCommand.class;
            default -> null;
        });
    }

    /** The description the top command's help shows, read from the annotation without building a model. */
    static String[] description(String name) {
        return type(name).orElseThrow().getAnnotation(Command.class).description();
    }
}
