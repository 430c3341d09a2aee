package io.pvscope.agent.cli;

import io.pvscope.agent.bus.StoreBackends;
import io.pvscope.agent.bus.StoreDiscovery;
import io.pvscope.agent.bus.StoreSelection;
import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.kv.StoreBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Which key/value stores {@code serve} (and local hostctl) attach. Each backend's own option
 * ({@code --xenstore PATH}...) comes from the backend table when the command line is built.
 */
@Command(modelTransformer = StoreOptions.BackendOptions.class)
final class StoreOptions {

    @Option(names = "--store", paramLabel = "STORE",
            description = "'auto' (the default without other store options: the guest's own stores, else the "
                    + "simulated one), 'sim' or 'sim=FILE' (the built-in simulated store), 'none'. Repeatable.")
    List<String> stores = new ArrayList<>();

    /** A path per backend kind, as its option named it. */
    final Map<String, Path> named = new LinkedHashMap<>();

    StoreDiscovery.Result open() throws IOException {
        return open(selection());
    }

    /** What the options ask for, checked; opens nothing. Throws IllegalArgumentException for an unknown store. */
    StoreSelection selection() {
        List<String> requested = stores.isEmpty() && named.isEmpty() ? List.of("auto") : stores;
        boolean auto = false;
        List<Path> simFiles = new ArrayList<>();
        for (String store : requested) {
            if (store.equals("auto")) {
                auto = true;
            } else if (store.equals("sim")) {
                simFiles.add(Path.of(""));
            } else if (store.startsWith("sim=") && store.length() > 4) {
                simFiles.add(Path.of(store.substring(4)));
            } else if (!store.equals("none")) {
                throw new IllegalArgumentException("unknown store '" + store + "' (auto, sim, sim=FILE, none)");
            }
        }
        return new StoreSelection(auto, simFiles, named);
    }

    static StoreDiscovery.Result open(StoreSelection selection) throws IOException {
        StoreBackend.Guest guest = new StoreBackend.Guest(SystemRoot.live(), System.getProperty("os.name", ""),
                System.getenv());
        return new StoreDiscovery(guest, defaultSimFile()).open(selection);
    }

    /** Records the path an option named; picocli resets each option with null before it parses. */
    void name(String kind, Path path) {
        if (path == null) {
            named.remove(kind);
        } else {
            named.put(kind, path);
        }
    }

    /** A system daemon keeps state under /var/lib; a user's agent under their XDG state directory. */
    static Path defaultSimFile() {
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/lib/pvscope/sim.json");
        }
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isEmpty() ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("pvscope").resolve("sim.json");
    }

    /**
     * Adds one option per backend that has one to the command that mixes these options in, storing its path
     * under the backend's kind. picocli runs a mixin's transformer on the command it is mixed into.
     */
    static final class BackendOptions implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            Optional<StoreOptions> mixed = spec.mixins().values().stream().map(CommandSpec::userObject)
                    .filter(StoreOptions.class::isInstance).map(StoreOptions.class::cast).findFirst();
            mixed.ifPresent(options -> {
                for (StoreBackend backend : StoreBackends.all()) {
                    backend.option().filter(option -> !spec.optionsMap().containsKey(option.name()))
                            .ifPresent(option -> spec.addOption(pathOption(option, path -> options.name(
                                    backend.kind(), path))));
                }
            });
            return spec;
        }

        private static OptionSpec pathOption(StoreBackend.PathOption option, Consumer<Path> given) {
            // A generic method cannot be a lambda, hence the class.
            return OptionSpec.builder(option.name())
                    .paramLabel(option.paramLabel())
                    .description(option.description())
                    .type(Path.class)
                    .setter(new ISetter() {
                        @Override
                        public <T> T set(T value) {
                            given.accept((Path) value);
                            return null;
                        }
                    })
                    .build();
        }
    }
}
