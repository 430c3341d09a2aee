package io.pvscope.core;

import java.time.Duration;
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

    /** Below this an agent's ordinary answers (agent info, a page of keys) would no longer fit. */
    public static final int MIN_MESSAGE_BYTES = 16 * 1024;

    private final TargetStore store;
    private final SecretStore secrets;
    private final List<Target> targets = new CopyOnWriteArrayList<>();
    private final Map<Target, TargetConnection> connections = new ConcurrentHashMap<>();
    private final List<TargetListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Duration callTimeout = TargetConnection.DEFAULT_CALL_TIMEOUT;
    private volatile int maxMessageBytes = TargetConnection.DEFAULT_MAX_MESSAGE_BYTES;

    /** A manager that loads its targets from, and saves them to, {@code store}. */
    public TargetManager(TargetStore store) {
        this(store, SecretStore.NONE);
    }

    /** A manager whose connections take their tokens from {@code secrets}. */
    public TargetManager(TargetStore store, SecretStore secrets) {
        this.store = store;
        this.secrets = secrets;
        targets.addAll(store.load());
    }

    /** Where the targets' tokens are kept. */
    public SecretStore secrets() {
        return secrets;
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

    /**
     * Replaces {@code old} by {@code edited} at the same place in the list, closing the old connection
     * (the address may have changed).
     *
     * @throws IllegalArgumentException when another target already has the edited address
     */
    public void replace(Target old, Target edited) {
        synchronized (this) {
            int index = targets.indexOf(old);
            if (index < 0) {
                return;
            }
            Optional<Target> clash = findByAddress(edited).filter(other -> !other.equals(old));
            if (clash.isPresent()) {
                throw new IllegalArgumentException(edited.address() + " is already the address of '"
                        + clash.get().name() + "'");
            }
            targets.set(index, edited);
            store.save(targets);
        }
        TargetConnection connection = connections.remove(old);
        if (connection != null) {
            connection.disconnect();
        }
        listeners.forEach(listener -> listener.targetRemoved(old));
        listeners.forEach(listener -> listener.targetAdded(edited));
    }

    /** Removes a target, its stored token and closes its connection. */
    public void remove(Target target) {
        synchronized (this) {
            if (!targets.remove(target)) {
                return;
            }
            store.save(targets);
        }
        // A token left behind would be sent to whatever agent is added at that address later.
        secrets.removeToken(target);
        TargetConnection connection = connections.remove(target);
        if (connection != null) {
            connection.disconnect();
        }
        listeners.forEach(listener -> listener.targetRemoved(target));
    }

    /** The connection of a known target, created (disconnected) on first use. */
    public TargetConnection connection(Target target) {
        return connections.computeIfAbsent(target,
                key -> new TargetConnection(key, secrets,
                        changed -> listeners.forEach(l -> l.connectionChanged(changed)), () -> callTimeout,
                        () -> maxMessageBytes));
    }

    /** Bound on each call of every connection, from the next call on. */
    public void setCallTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("call timeout must be positive: " + timeout);
        }
        callTimeout = timeout;
    }

    /** The bound each call of every connection gets now. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** The largest message any connection accepts from its agent, from the next call on. */
    public void setMaxMessageBytes(int bytes) {
        if (bytes < MIN_MESSAGE_BYTES) {
            throw new IllegalArgumentException("message limit below " + MIN_MESSAGE_BYTES + " bytes: " + bytes);
        }
        maxMessageBytes = bytes;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
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
