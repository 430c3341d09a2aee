package io.pvscope.agent.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code hostctl} on this guest's own stores, without picocli: building picocli's model of the command takes
 * about a third of hostctl's run as a process, which scripts pay at every call. Taken: the options of
 * hostctl(8) as getopt(3) reads them ({@code -q}, {@code -t}, {@code -f device}, {@code -i input},
 * {@code -o output}, clustered as in {@code -qf device} or {@code -fdevice}, each at most once) and this
 * agent's {@code --store STORE}, up to {@code --} or the first operand. Anything else ({@code -H} and the
 * other options of a remote hostctl, a store backend's own option, help, an @file, an option value that
 * looks like an option, a usage error) is left to
 * picocli, which parses and answers as it always has ({@code HostctlArgumentsTest} checks both parse alike).
 */
final class HostctlArguments {

    private static final Set<Character> WITH_VALUE = Set.of('f', 'i', 'o');

    private HostctlArguments() {
    }

    /** Runs hostctl to its end when picocli is not needed for {@code args}; else empty, having done nothing. */
    static OptionalInt run(String[] args) throws Exception {
        return run(args, System.in, System.out, System.err);
    }

    static OptionalInt run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) throws Exception {
        Optional<HostctlCommand> parsed = parse(args, new HostctlCommand(null, stdin, stdout, stderr));
        if (parsed.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(parsed.get().call());
        } catch (Exception e) {
            return OptionalInt.of(ErrorLines.reported("hostctl", e, stderr::println));
        }
    }

    /** The command as picocli would have set it from {@code args}, or empty where picocli must parse them. */
    static Optional<HostctlCommand> parse(String[] args) {
        return parse(args, new HostctlCommand());
    }

    private static Optional<HostctlCommand> parse(String[] args, HostctlCommand command) {
        for (String arg : args) {
            if (arg.startsWith("@")) {
                // picocli expands @files wherever they stand.
                return Optional.empty();
            }
        }
        Set<Character> given = new java.util.HashSet<>();
        int i = 0;
        for (; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                break;
            }
            if (arg.equals("--store") || arg.startsWith("--store=")) {
                // This agent's stores for a local hostctl, as serve names them; may be repeated.
                String value = arg.length() > "--store".length() ? arg.substring("--store=".length())
                        : PlainArguments.isValue(args, i + 1) ? args[++i] : null;
                if (value == null || value.isEmpty() || value.startsWith("@")) {
                    return Optional.empty();
                }
                command.stores().stores.add(value);
                continue;
            }
            for (int at = 1; at < arg.length(); at++) {
                char option = arg.charAt(at);
                if (!given.add(option)) {
                    return Optional.empty();
                }
                if (option == 'q') {
                    command.quiet = true;
                    continue;
                }
                if (option == 't') {
                    command.type = true;
                    continue;
                }
                if (!WITH_VALUE.contains(option)) {
                    return Optional.empty();
                }
                String value;
                if (at + 1 < arg.length()) {
                    value = arg.substring(at + 1);
                } else if (i + 1 < args.length && (args[i + 1].equals("-") || !args[i + 1].isEmpty()
                        && PlainArguments.isValue(args, i + 1))) {
                    // "-" is stdin or stdout for -i and -o.
                    value = args[++i];
                } else {
                    return Optional.empty();
                }
                if (value.startsWith("=") || value.startsWith("@")) {
                    // "-f=dev": picocli's own reading of an attached value.
                    return Optional.empty();
                }
                switch (option) {
                    case 'f' -> command.device = value;
                    case 'i' -> command.input = value;
                    default -> command.output = value;
                }
                break;
            }
        }
        command.operands.addAll(List.of(args).subList(i, args.length));
        return Optional.of(command);
    }
}
