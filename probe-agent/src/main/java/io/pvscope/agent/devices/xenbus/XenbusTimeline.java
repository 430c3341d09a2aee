package io.pvscope.agent.devices.xenbus;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The states each device went through while it was watched: one entry per change of the (frontend,
 * backend) pair, with its time (1/2 at t0, 3/2 at t1, 4/4 at t2). The first entry of a device is when it was
 * first seen, which is not when it entered that state. Thread-safe.
 */
public final class XenbusTimeline {

    /** How many changes are kept per device: enough for a connect and a close and some retries. */
    static final int KEPT = 32;

    /**
     * One entry.
     *
     * @param frontend the frontend's state, -1 when it is missing
     * @param backend  the backend's state, -1 when it is missing
     * @param firstSeen true for the entry made when the device was first seen
     */
    public record Entry(Instant at, int frontend, int backend, boolean firstSeen) {
    }

    private final Map<String, Deque<Entry>> byDevice = new HashMap<>();

    /** Notes the device's states at {@code now}; returns its timeline so far, oldest first. */
    public synchronized List<Entry> record(XenbusDevice device, Instant now) {
        Deque<Entry> entries = byDevice.computeIfAbsent(device.key(), key -> new ArrayDeque<>());
        Entry last = entries.peekLast();
        if (last == null || last.frontend() != device.frontendState() || last.backend() != device.backendState()) {
            entries.addLast(new Entry(now, device.frontendState(), device.backendState(), last == null));
            while (entries.size() > KEPT) {
                entries.removeFirst();
            }
        }
        return List.copyOf(entries);
    }

    /** Forgets devices that are gone, so their timelines start again if they come back. */
    public synchronized void retain(java.util.Collection<String> keys) {
        byDevice.keySet().retainAll(new java.util.HashSet<>(keys));
    }
}
