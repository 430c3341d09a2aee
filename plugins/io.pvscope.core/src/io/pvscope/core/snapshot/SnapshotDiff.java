package io.pvscope.core.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.google.protobuf.ByteString;

import io.pvscope.core.kv.KeyNode;

/**
 * What changed in a store between two snapshots: keys added, removed and with another value, each list
 * sorted by key.
 */
public record SnapshotDiff(List<Change> added, List<Change> removed, List<Change> changed) {

    /** One key's difference; {@code before} is null for an added key, {@code after} for a removed one. */
    public record Change(String key, ByteString before, ByteString after) {

        public String beforeText() {
            return before == null ? "" : KeyNode.text(before);
        }

        public String afterText() {
            return after == null ? "" : KeyNode.text(after);
        }
    }

    public SnapshotDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    public static SnapshotDiff between(StoreSnapshot before, StoreSnapshot after) {
        List<Change> added = new ArrayList<>();
        List<Change> removed = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        Map<String, ByteString> old = before.values();
        Map<String, ByteString> now = after.values();
        for (Map.Entry<String, ByteString> entry : now.entrySet()) {
            ByteString was = old.get(entry.getKey());
            if (was == null) {
                added.add(new Change(entry.getKey(), null, entry.getValue()));
            } else if (!was.equals(entry.getValue())) {
                changed.add(new Change(entry.getKey(), was, entry.getValue()));
            }
        }
        for (Map.Entry<String, ByteString> entry : old.entrySet()) {
            if (!now.containsKey(entry.getKey())) {
                removed.add(new Change(entry.getKey(), entry.getValue(), null));
            }
        }
        return new SnapshotDiff(added, removed, changed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** The keys that are new or hold another value: those to show in the changed colour. */
    public Set<String> addedOrChangedKeys() {
        Set<String> keys = new TreeSet<>();
        added.forEach(change -> keys.add(change.key()));
        changed.forEach(change -> keys.add(change.key()));
        return keys;
    }
}
