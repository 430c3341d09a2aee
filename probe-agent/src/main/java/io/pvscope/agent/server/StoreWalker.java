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

/** Reads a subtree (a key and everything below it) into entries, for snapshots and for polling. */
final class StoreWalker {

    private final KvRpcs entries;
    private final int maxEntries;

    StoreWalker(KvRpcs entries, int maxEntries) {
        this.entries = entries;
        this.maxEntries = maxEntries;
    }

    /** Key → entry, parents before children; a missing prefix gives an empty map. */
    Map<String, KvEntry> walk(Grant grant, int unit, KvStore store, String prefix) throws StoreException {
        Map<String, KvEntry> found = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>();
        if (prefix.isEmpty() || prefix.equals("/")) {
            store.list(prefix).forEach(name -> pending.add(KvRpcs.join(prefix, name)));
        } else {
            pending.add(prefix);
        }
        while (!pending.isEmpty()) {
            String key = pending.removeFirst();
            KvEntry entry = entries.entry(grant, unit, store, key, true);
            if (Errno.ENOENT.name().equals(entry.getError())) {
                continue;
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
                    pending.offerFirst(KvRpcs.join(key, children.get(i)));
                }
            }
        }
        return found;
    }
}
