package io.pvscope.agent.kv.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The simulated tree's nodes in key order, and how many keys lie below each path: whether a key has children
 * is one hash lookup instead of a search of the tree (a listing asks it of every key, and the search was half
 * of a 100k-key listing's store time). Not thread-safe: the store guards it.
 */
final class SimNodes {

    /** The most names a listing's list is sized for before it sees them. */
    private static final int MAX_PRESIZED = 1 << 17;

    private final TreeMap<String, byte[]> nodes = new TreeMap<>();
    /** Path → how many keys lie below it (start with "path/"); only paths that have some. */
    private final Map<String, Integer> below = new HashMap<>();

    /** Path → value in key order, to save or compare; not to be changed. */
    NavigableMap<String, byte[]> map() {
        return nodes;
    }

    byte[] get(String path) {
        return nodes.get(path);
    }

    boolean containsKey(String path) {
        return nodes.containsKey(path);
    }

    void put(String path, byte[] value) {
        if (nodes.put(path, value) == null) {
            counted(path, 1);
        }
    }

    void putIfAbsent(String path, byte[] value) {
        if (nodes.putIfAbsent(path, value) == null) {
            counted(path, 1);
        }
    }

    /** Removes the key and every key below it. */
    void removeTree(String path) {
        Map<String, byte[]> subtree = nodes.subMap(path + "/", path + "/" + Character.MAX_VALUE);
        for (String key : subtree.keySet()) {
            counted(key, -1);
        }
        subtree.clear();
        if (nodes.remove(path) != null) {
            counted(path, -1);
        }
    }

    /** Holds {@code all} instead of what it held. */
    void replaceWith(SortedMap<String, byte[]> all) {
        nodes.clear();
        below.clear();
        // From a map in the same order into an empty one, TreeMap builds its tree in one pass, without a
        // comparison per key (a file's whole tree at every load and reload).
        nodes.putAll(all);
        for (String key : nodes.keySet()) {
            counted(key, 1);
        }
    }

    /** Whether some key starts with "path/" (for the root "": whether there is any key). */
    boolean hasChildren(String path) {
        return path.isEmpty() ? !nodes.isEmpty() : below.containsKey(path);
    }

    /**
     * The direct children's names, in key order. The keys are walked in order, one step each (a lookup from
     * the root per child cost a listing of 100k keys most of its time); each child's own subtree is stepped
     * over in one lookup, so a listing costs its children, not all the keys below them.
     */
    List<String> children(String path) {
        String prefix = path.isEmpty() ? "" : path + "/";
        // The keys below are as many as the children or more: sized for them, the list is not copied as it
        // grows (within reason: below the root of a large tree are many more keys than children).
        int below = path.isEmpty() ? nodes.size() : this.below.getOrDefault(path, 0);
        List<String> names = new ArrayList<>(Math.min(below, MAX_PRESIZED));
        Iterator<String> keys = nodes.tailMap(prefix, true).keySet().iterator();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            int slash = key.indexOf('/', prefix.length());
            if (slash < 0) {
                names.add(key.substring(prefix.length()));
            } else {
                keys = nodes.tailMap(key.substring(0, slash + 1) + Character.MAX_VALUE, false).keySet().iterator();
            }
        }
        return names;
    }

    /**
     * Counts a key added (+1) or removed (-1) below each path it starts with: "a/b/c" below "a/b" and "a".
     * Those are exactly the paths P for which the key starts with "P/".
     */
    private void counted(String key, int change) {
        for (int slash = key.lastIndexOf('/'); slash > 0; slash = key.lastIndexOf('/', slash - 1)) {
            below.merge(key.substring(0, slash), change, (count, added) -> count + added == 0 ? null : count + added);
        }
    }
}
