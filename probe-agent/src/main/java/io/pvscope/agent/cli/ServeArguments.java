package io.pvscope.agent.cli;

import io.pvscope.agent.bus.StoreBackends;
import io.pvscope.agent.kv.StoreBackend;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code pvscope serve} as a service starts it, without picocli: building picocli's model of the command
 * loads some three hundred classes before the port is bound, at every start of the agent. Only plain
 * arguments are taken: serve's own options, each once (or repeated where serve takes several), as
 * "--option VALUE" or "--option=VALUE". Anything else (help, version, an @file, an option or value that
 * looks unusual, a usage error) is left to picocli, which parses and answers as it always has.
 */
final class ServeArguments {

    private ServeArguments() {
    }

    /** Runs serve to its end when picocli is not needed for {@code args}; else empty, having done nothing. */
    static OptionalInt run(String[] args) throws Exception {
        Optional<ServeCommand> parsed = parse(args);
        if (parsed.isEmpty()) {
            return OptionalInt.empty();
        }
        ServeCommand command = parsed.get();
        ServeCommand.Prepared prepared;
        try {
            prepared = command.prepared();
        } catch (RuntimeException e) {
            // picocli finds the same problem again and reports it as usual.
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(command.serve(prepared));
        } catch (Exception e) {
            return OptionalInt.of(ErrorLines.reported("serve", e, System.err::println));
        }
    }

    /** The command as picocli would have set it from {@code args}, or empty where picocli must parse them. */
    static Optional<ServeCommand> parse(String[] args) {
        if (args.length == 0 || !args[0].equals("serve")) {
            return Optional.empty();
        }
        Map<String, String> backendOptions = new HashMap<>();
        for (StoreBackend backend : StoreBackends.all()) {
            backend.option().ifPresent(option -> backendOptions.put(option.name(), backend.kind()));
        }
        ServeCommand command = new ServeCommand();
        Set<String> given = new HashSet<>();
        try {
            for (int i = 1; i < args.length; i++) {
                String name = args[i];
                String value = null;
                int equals = name.indexOf('=');
                if (equals > 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                }
                boolean several = name.equals("--store") || name.equals("--allow-write");
                if (!name.startsWith("--") || (!several && !given.add(name))) {
                    return Optional.empty();
                }
                if (value == null) {
                    if (!PlainArguments.isValue(args, i + 1)) {
                        return Optional.empty();
                    }
                    value = args[++i];
                } else if (name.equals("--allow-write") && PlainArguments.isValue(args, i + 1)) {
                    // "--allow-write=a b": how picocli splits that is its own business.
                    return Optional.empty();
                }
                switch (name) {
                    case "--listen" -> command.listen = value;
                    case "--socket" -> command.socket = Path.of(value);
                    case "--socket-mode" -> command.socketMode = value;
                    case "--tls-cert" -> command.tlsCert = Path.of(value);
                    case "--tls-key" -> command.tlsKey = Path.of(value);
                    case "--client-ca" -> command.clientCa = Path.of(value);
                    case "--token-file" -> command.tokenFile = Path.of(value);
                    case "--config" -> command.configFile = Path.of(value);
                    case "--root" -> command.root.root = Path.of(value);
                    case "--store" -> command.stores.stores.add(value);
                    case "--allow-write" -> {
                        // One or more prefixes, up to the next option.
                        command.allowWrite.add(value);
                        while (PlainArguments.isValue(args, i + 1)) {
                            command.allowWrite.add(args[++i]);
                        }
                    }
                    default -> {
                        String kind = backendOptions.get(name);
                        if (kind == null) {
                            return Optional.empty();
                        }
                        command.stores.name(kind, Path.of(value));
                    }
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.of(command);
    }
}
