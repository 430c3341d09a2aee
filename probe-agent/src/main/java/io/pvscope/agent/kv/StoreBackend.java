package io.pvscope.agent.kv;

import io.pvscope.agent.fs.SystemRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of key/value store, as the rest of the agent needs to know it: the kind its stores report, the
 * option that attaches one at a given path, and how auto mode finds this guest's own. The agent's table of
 * backends is the only list of them; discovery, the command line's options, write grants and help texts all
 * read it, so a new backend is its own package plus one line there.
 */
public interface StoreBackend {

    /** The kind its stores report ({@link StoreInfo#kind()}), as grants ("xenstore:device/") and statuses name it. */
    String kind();

    /** The command-line option that attaches one store of this kind at a path; empty when there is none. */
    Optional<PathOption> option();

    /** Opens the store at the path given with {@link #option()}. */
    KvStore open(Path path) throws IOException, StoreException;

    /** Auto mode: this guest's stores of this kind, or why there are none; nothing on a system it is not for. */
    Found discover(Guest guest);

    /** {@code --name LABEL}: description. */
    record PathOption(String name, String paramLabel, String description) {
    }

    /**
     * Where auto mode looks: the system's files (the live system, or a prepared directory standing for one),
     * its operating system's name and the agent's environment.
     */
    record Guest(SystemRoot root, String osName, Map<String, String> environment) {

        public Guest {
            environment = Map.copyOf(environment);
        }

        public boolean isOpenBsd() {
            return osName.equals("OpenBSD");
        }
    }

    /** What auto mode found of one kind: stores, or why none. */
    record Found(List<KvStore> stores, List<StoreStatus> missing) {

        public Found {
            stores = List.copyOf(stores);
            missing = List.copyOf(missing);
        }

        public static Found nothing() {
            return new Found(List.of(), List.of());
        }

        public static Found store(KvStore store) {
            return new Found(List.of(store), List.of());
        }

        public static Found missing(String kind, String reason) {
            return new Found(List.of(), List.of(StoreStatus.unavailable(kind, reason)));
        }
    }
}
