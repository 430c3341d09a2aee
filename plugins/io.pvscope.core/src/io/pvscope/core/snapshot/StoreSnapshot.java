package io.pvscope.core.snapshot;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import com.google.protobuf.ByteString;

import io.pvscope.core.AgentProperties;
import io.pvscope.core.Target;
import io.pvscope.core.UnitDescriptor;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.kv.KeyTree;

/**
 * The keys and values of one unit's store at one moment, detached from the live tree so that later
 * changes leave it as it was.
 *
 * @param target where the store lives
 * @param agent  what the agent said of itself; {@link AgentProperties#UNKNOWN} when it was not asked
 * @param unit   the unit whose store this is
 * @param taken  when the snapshot was taken
 * @param values every key (directories included) to its value, sorted by key
 * @param lastKnownSince null when the store answered; otherwise since when it had not (the agent did not
 *                       answer, its guest maybe stopped at a breakpoint, or the store was unavailable): the
 *                       values are the last known, not the store's at {@code taken}
 */
public record StoreSnapshot(Target target, AgentProperties agent, UnitDescriptor unit, Instant taken,
        SortedMap<String, ByteString> values, Instant lastKnownSince) {

    public StoreSnapshot {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(taken, "taken");
        agent = agent == null ? AgentProperties.UNKNOWN : agent;
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /** A snapshot of a store that answered. */
    public StoreSnapshot(Target target, AgentProperties agent, UnitDescriptor unit, Instant taken,
            SortedMap<String, ByteString> values) {
        this(target, agent, unit, taken, values, null);
    }

    /** Copies the keys of {@code tree} that exist now; keys the agent reported deleted are left out. */
    public static StoreSnapshot of(Target target, AgentProperties agent, UnitDescriptor unit, Instant taken,
            KeyTree tree) {
        return of(target, agent, unit, taken, tree, null);
    }

    /**
     * As {@link #of(Target, AgentProperties, UnitDescriptor, Instant, KeyTree)}, for a tree that may show only
     * the last-known keys: {@code lastKnownSince} says since when the store had not answered, null when it did.
     */
    public static StoreSnapshot of(Target target, AgentProperties agent, UnitDescriptor unit, Instant taken,
            KeyTree tree, Instant lastKnownSince) {
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
        return new StoreSnapshot(target, agent, unit, taken, values, lastKnownSince);
    }

    /** True when the values are the last known, not read from a store that answered at {@code taken}. */
    public boolean isLastKnown() {
        return lastKnownSince != null;
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
