package io.pvscope.core.kv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.WatchEvent;

/**
 * The keys of one store, built from a Watch stream: the snapshot fills it, and after the sync marker every
 * update and delete is marked with the time it arrived, so a view can highlight it. Keys are split into a
 * tree at '/' (XenStore paths, KVP pools); stores without '/' (guestinfo) give a flat list.
 * <p>
 * Not thread-safe: one thread (a view's UI thread, a test's thread) applies events and reads the tree.
 */
public final class KeyTree {

    private final KeyNode root = new KeyNode(null, "", "");
    private final Map<String, KeyNode> byKey = new HashMap<>();
    private final LongSupplier clock;
    private final Set<KeyNode> structureChanged = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<KeyNode> valueChanged = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<KeyNode, List<KeyNode>> visibleChildren = new IdentityHashMap<>();
    /** Keys marked deleted and not purged yet: purging looks at these only, not at every key. */
    private final Set<KeyNode> deleted = Collections.newSetFromMap(new IdentityHashMap<>());

    private boolean live;
    /** While the store is unavailable: why; the snapshot that follows replaces what was known. */
    private StoreUnavailable unavailable;
    /** Keys known when the store went away that the fresh snapshot has not named (yet). */
    private Set<String> notSeenAgain;
    private KeyFilter filter = KeyFilter.NONE;
    /** Nodes shown under the filter; null when there is no filter. */
    private Set<KeyNode> visible;

    public KeyTree() {
        this(System::nanoTime);
    }

    /** @param clock nanosecond clock for change and delete marks */
    public KeyTree(LongSupplier clock) {
        this.clock = clock;
    }

    public KeyNode root() {
        return root;
    }

    /** True once the sync marker was applied: the snapshot is complete. */
    public boolean isLive() {
        return live;
    }

    /** Number of keys, deleted ones still shown included. */
    public int size() {
        return byKey.size();
    }

    public KeyNode find(String key) {
        return byKey.get(key);
    }

    public void apply(WatchEvent event) {
        switch (event.getEventCase()) {
            case SNAPSHOT -> {
                KeyNode node = put(event.getSnapshot());
                if (notSeenAgain != null) {
                    // A key named again keeps its parents too, whether or not the snapshot names them.
                    for (KeyNode each = node; each != null && each != root; each = each.parent()) {
                        notSeenAgain.remove(each.key());
                    }
                }
            }
            case SYNC -> sync();
            case UPDATE -> put(event.getUpdate());
            case DELETED -> delete(event.getDeleted().getKey());
            case UNAVAILABLE -> storeUnavailable(event.getUnavailable());
            default -> {
                // STARTED carries only the watch mode; HEARTBEAT only proves the agent alive.
            }
        }
    }

    /** Why the store does not answer, while it does not; empty when it does. */
    public java.util.Optional<StoreUnavailable> unavailable() {
        return java.util.Optional.ofNullable(unavailable);
    }

    /**
     * The store went away: keep the keys as last known. The agent sends a whole fresh snapshot when it is
     * back, which replaces them: changed values are marked as changed, keys it no longer has as deleted.
     */
    private void storeUnavailable(io.pvscope.proto.v1.StoreUnavailable why) {
        unavailable = new StoreUnavailable(why.getErrno(), why.getReason(), clock.getAsLong());
        if (notSeenAgain == null) {
            notSeenAgain = new java.util.HashSet<>();
            byKey.forEach((key, node) -> {
                if (!node.isDeleted()) {
                    notSeenAgain.add(key);
                }
            });
        }
    }

    private void sync() {
        live = true;
        if (notSeenAgain != null) {
            for (String key : notSeenAgain) {
                delete(key);
            }
            notSeenAgain = null;
            unavailable = null;
        }
    }

    /**
     * @param errno       the agent's errno name (EIO when the daemon went away)
     * @param reason      the agent's words
     * @param sinceNanos  when the tree learnt of it, on its clock
     */
    public record StoreUnavailable(String errno, String reason, long sinceNanos) {
    }

    /** Takes an entry read outside the stream (a read-back after a write), as an update would. */
    public KeyNode put(KvEntry entry) {
        KeyNode node = ensure(entry.getKey());
        if (node.isDeleted()) {
            deleted.remove(node);
        }
        reviveAncestors(node);
        if (node.take(entry)) {
            // During the snapshot the viewer has nothing yet: only live changes are collected.
            if (live) {
                node.markChanged(clock.getAsLong());
                valueChanged.add(node);
            }
        }
        return node;
    }

    /**
     * Takes what reading {@code key} back after the user's write returned. A key not known yet is taken as
     * writable (the user just wrote it); a directory keeps its value, since it reads as its children's names.
     */
    public KeyNode putReadBack(String key, KeyRead read) {
        KeyNode known = find(key);
        KvEntry.Builder entry = KvEntry.newBuilder().setKey(key).setHasChildren(read.directory())
                .setAccess(known == null ? KvEntry.Access.READ_WRITE : known.entryAccess());
        entry.setValue(read.directory() && known != null ? known.value() : read.value());
        return put(entry.build());
    }

    /**
     * A key written under a parent still shown as deleted (removed, then written again before the purge; or
     * not in the snapshot after an outage, then written) brings its parents back, or the purge of the parent
     * would take the new key with it.
     */
    private void reviveAncestors(KeyNode node) {
        for (KeyNode parent = node.parent(); parent != null && parent != root && parent.isDeleted();
                parent = parent.parent()) {
            parent.revive();
            deleted.remove(parent);
            if (live) {
                valueChanged.add(parent);
            }
        }
    }

    /**
     * Marks a key as changed now, as a live update would, for a change learnt otherwise (a comparison with
     * the keys known before the agent stopped answering). Unknown keys are ignored.
     */
    public void markChanged(String key) {
        KeyNode node = byKey.get(key);
        if (node != null && !node.isDeleted()) {
            node.markChanged(clock.getAsLong());
            valueChanged.add(node);
        }
    }

    /** Marks the key and its subtree deleted (live), or drops them (during the snapshot). */
    public void delete(String key) {
        KeyNode node = byKey.get(key);
        if (node == null) {
            return;
        }
        if (!live) {
            remove(node);
            return;
        }
        long now = clock.getAsLong();
        forSubtree(node, each -> {
            if (!each.isDeleted()) {
                each.markDeleted(now);
                deleted.add(each);
                valueChanged.add(each);
            }
        });
    }

    /** Removes keys deleted at or before {@code cutoffNanos}; returns how many went. */
    public int purgeDeleted(long cutoffNanos) {
        List<KeyNode> gone = new ArrayList<>();
        for (KeyNode node : deleted) {
            if (node.isDeleted() && node.deletedAt() - cutoffNanos <= 0
                    && (node.parent() == root || !node.parent().isDeleted())) {
                gone.add(node);
            }
        }
        int[] count = { 0 };
        for (KeyNode node : gone) {
            forSubtree(node, each -> count[0]++);
            remove(node);
        }
        return count[0];
    }

    /** What changed since the last call: parents whose children changed, and nodes whose fields did. */
    public Changes takeChanges() {
        Changes changes = new Changes(Set.copyOf(structureChanged), Set.copyOf(valueChanged));
        if (!structureChanged.isEmpty() && !filter.isEmpty()) {
            computeVisible();
        }
        structureChanged.clear();
        valueChanged.clear();
        return changes;
    }

    public KeyFilter filter() {
        return filter;
    }

    public void setFilter(KeyFilter next) {
        filter = next == null ? KeyFilter.NONE : next;
        computeVisible();
    }

    /** The children the filter lets through, sorted by name. */
    public List<KeyNode> visibleChildren(KeyNode parent) {
        if (visible == null) {
            return parent.children();
        }
        return visibleChildren.computeIfAbsent(parent,
                key -> key.children().stream().filter(visible::contains).toList());
    }

    /** How many keys the filter lets through. */
    public int visibleCount() {
        return visible == null ? byKey.size() : visible.size();
    }

    /** Visits {@code from} and every visible key below it, parents before children. */
    public void forEachVisible(KeyNode from, Consumer<KeyNode> visitor) {
        if (from != root) {
            visitor.accept(from);
        }
        for (KeyNode child : visibleChildren(from)) {
            forEachVisible(child, visitor);
        }
    }

    private void computeVisible() {
        visibleChildren.clear();
        if (filter.isEmpty()) {
            visible = null;
            return;
        }
        Set<KeyNode> shown = Collections.newSetFromMap(new IdentityHashMap<>());
        for (KeyNode child : root.mutableChildren()) {
            markMatches(child, false, shown);
        }
        visible = shown;
    }

    /** Depth first: a match shows itself, its subtree and its ancestors. */
    private void markMatches(KeyNode node, boolean underMatch, Set<KeyNode> shown) {
        boolean matches = underMatch || filter.matches(node);
        if (matches) {
            shown.add(node);
            for (KeyNode up = node.parent(); up != root && shown.add(up); up = up.parent()) {
                // Ancestors are added once; the loop stops at the first already shown.
            }
        }
        // The list itself, not the read-only view children() wraps it in: a filter pass visits every key.
        for (KeyNode child : node.mutableChildren()) {
            markMatches(child, matches, shown);
        }
    }

    private KeyNode ensure(String key) {
        KeyNode known = byKey.get(key);
        if (known != null) {
            return known;
        }
        int end = key.length() > 1 && key.endsWith("/") ? key.length() - 1 : key.length();
        int slash = key.lastIndexOf('/', end - 1);
        KeyNode parent = slash > 0 ? ensure(key.substring(0, slash)) : root;
        KeyNode node = new KeyNode(parent, key, key.substring(slash + 1, end));
        insertSorted(parent.mutableChildren(), node);
        byKey.put(key, node);
        if (live) {
            structureChanged.add(parent);
        }
        visibleChildren.remove(parent);
        return node;
    }

    private static void insertSorted(List<KeyNode> siblings, KeyNode node) {
        // Snapshots arrive in order, so appending is the common case.
        int size = siblings.size();
        if (size == 0 || siblings.get(size - 1).name().compareTo(node.name()) < 0) {
            siblings.add(node);
            return;
        }
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (siblings.get(middle).name().compareTo(node.name()) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        siblings.add(low, node);
    }

    private void remove(KeyNode node) {
        forSubtree(node, each -> {
            byKey.remove(each.key());
            deleted.remove(each);
            valueChanged.remove(each);
            structureChanged.remove(each);
        });
        node.parent().mutableChildren().remove(node);
        structureChanged.add(node.parent());
        visibleChildren.remove(node.parent());
    }

    private static void forSubtree(KeyNode node, Consumer<KeyNode> visitor) {
        visitor.accept(node);
        for (KeyNode child : node.mutableChildren()) {
            forSubtree(child, visitor);
        }
    }

    /**
     * @param parents parents whose list of children changed
     * @param nodes   nodes whose value, access, error or deleted mark changed
     */
    public record Changes(Set<KeyNode> parents, Set<KeyNode> nodes) {

        public boolean isEmpty() {
            return parents.isEmpty() && nodes.isEmpty();
        }
    }
}
