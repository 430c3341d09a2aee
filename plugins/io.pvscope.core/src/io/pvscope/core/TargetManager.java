package io.pvscope.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.pvscope.core.internal.TargetStore;

/**
 * The targets the user works with, in the order they were added, each with its connection. Changes are
 * saved at once and announced to {@link TargetListener}s.
 */
public final class TargetManager {

    private final TargetStore store;
    private final List<Target> targets = new CopyOnWriteArrayList<>();
    private final Map<Target, TargetConnection> connections = new ConcurrentHashMap<>();
    private final List<TargetListener> listeners = new CopyOnWriteArrayList<>();

    /** A manager that loads its targets from, and saves them to, {@code store}. */
    public TargetManager(TargetStore store) {
        this.store = store;
        targets.addAll(store.load());
    }

    public List<Target> targets() {
        return List.copyOf(targets);
    }

    /** The target listening on the same host and port as {@code address}, if any. */
    public Optional<Target> findByAddress(Target address) {
        return targets.stream().filter(address::sameAddress).findFirst();
    }

    /**
     * Adds a target unless one with the same address exists.
     *
     * @return the target now known for that address
     */
    public Target add(Target target) {
        Target known;
        synchronized (this) {
            Optional<Target> existing = findByAddress(target);
            if (existing.isPresent()) {
                return existing.get();
            }
            targets.add(target);
            store.save(targets);
            known = target;
        }
        listeners.forEach(listener -> listener.targetAdded(known));
        return known;
    }

    /** Removes a target and closes its connection. */
    public void remove(Target target) {
        synchronized (this) {
            if (!targets.remove(target)) {
                return;
            }
            store.save(targets);
        }
        TargetConnection connection = connections.remove(target);
        if (connection != null) {
            connection.disconnect();
        }
        listeners.forEach(listener -> listener.targetRemoved(target));
    }

    /** The connection of a known target, created (disconnected) on first use. */
    public TargetConnection connection(Target target) {
        return connections.computeIfAbsent(target,
                key -> new TargetConnection(key, changed -> listeners.forEach(l -> l.connectionChanged(changed))));
    }

    /** The connections that are CONNECTED now. */
    public List<TargetConnection> connected() {
        List<TargetConnection> result = new ArrayList<>();
        for (Target target : targets) {
            TargetConnection connection = connections.get(target);
            if (connection != null && connection.state().status() == ConnectionStatus.CONNECTED) {
                result.add(connection);
            }
        }
        return result;
    }

    public void addListener(TargetListener listener) {
        listeners.add(listener);
    }

    public void removeListener(TargetListener listener) {
        listeners.remove(listener);
    }
}
