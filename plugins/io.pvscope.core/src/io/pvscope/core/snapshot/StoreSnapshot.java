package io.pvscope.core.snapshot;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import com.google.protobuf.ByteString;

import io.pvscope.core.Target;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.kv.KeyTree;
import io.pvscope.proto.v1.AgentInfo;
import io.pvscope.proto.v1.Unit;

/**
 * The keys and values of one unit's store at one moment, detached from the live tree so that later
 * changes leave it as it was.
 *
 * @param target where the store lives
 * @param agent  what the agent said of itself; the default instance when it was not asked
 * @param unit   the unit whose store this is
 * @param taken  when the snapshot was taken
 * @param values every key (directories included) to its value, sorted by key
 */
public record StoreSnapshot(Target target, AgentInfo agent, Unit unit, Instant taken,
        SortedMap<String, ByteString> values) {

    public StoreSnapshot {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(taken, "taken");
        agent = agent == null ? AgentInfo.getDefaultInstance() : agent;
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /** Copies the keys of {@code tree} that exist now; keys the agent reported deleted are left out. */
    public static StoreSnapshot of(Target target, AgentInfo agent, Unit unit, Instant taken, KeyTree tree) {
        SortedMap<String, ByteString> values = new TreeMap<>();
        Deque<KeyNode> pending = new ArrayDeque<>(tree.root().children());
        while (!pending.isEmpty()) {
            KeyNode node = pending.pop();
            if (node.isDeleted()) {
                continue;
            }
            values.put(node.key(), node.value());
            pending.addAll(node.children());
        }
        return new StoreSnapshot(target, agent, unit, taken, values);
    }

    public int size() {
        return values.size();
    }

    /** The value of {@code key} as the views show it ({@link KeyNode#text}), or null when the key was absent. */
    public String text(String key) {
        ByteString value = values.get(key);
        return value == null ? null : KeyNode.text(value);
    }
}
