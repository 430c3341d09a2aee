package io.pvscope.agent.server;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.server.security.Grant;
import io.pvscope.proto.v1.KvEntry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a subtree (a key and everything below it) into entries, for snapshots and for polling. The store is
 * read in chunks, each under the backend deadline: a store that hangs ends the walk DEADLINE_EXCEEDED, while
 * a large healthy one is never cut short by a deadline meant for one call.
 */
final class StoreWalker {

    /** Keys read per backend call. */
    static final int CHUNK = 256;

    private final KvRpcs entries;
    private final int maxEntries;
    private final BackendCalls backend;

    StoreWalker(KvRpcs entries, int maxEntries, BackendCalls backend) {
        this.entries = entries;
        this.maxEntries = maxEntries;
        this.backend = backend;
    }

    /** Key → entry, parents before children; a missing prefix gives an empty map. */
    Map<String, KvEntry> walk(Grant grant, int unit, KvStore store, String prefix) throws StoreException {
        Map<String, KvEntry> found = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>();
        if (prefix.isEmpty() || prefix.equals("/")) {
            List<String> top = backend.run(() -> store.list(prefix));
            top.forEach(name -> pending.add(store.child(prefix, name)));
        } else {
            pending.add(prefix);
        }
        while (!pending.isEmpty()) {
            backend.run(() -> store.inOneView(() -> {
                for (int i = 0; i < CHUNK && !pending.isEmpty(); i++) {
                    visit(grant, unit, store, prefix, pending, found);
                }
                return null;
            }));
        }
        return found;
    }

    private void visit(Grant grant, int unit, KvStore store, String prefix, Deque<String> pending,
                       Map<String, KvEntry> found) throws StoreException {
        String key = pending.removeFirst();
        KvEntry entry = entries.entry(grant, unit, store, key, true);
        if (Errno.ENOENT.name().equals(entry.getError())) {
            return;
        }
        if (found.size() == maxEntries) {
            throw new StoreException(Errno.E2BIG, "more than " + maxEntries + " keys under '" + prefix
                    + "' (limit max_watch_keys)");
        }
        found.put(key, entry);
        if (entry.getHasChildren()) {
            // Depth-first, children in the store's order: a subtree's entries stay together.
            List<String> children = store.list(key);
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.offerFirst(store.child(key, children.get(i)));
            }
        }
    }
}
