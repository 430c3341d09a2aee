package io.pvscope.agent.server;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.StoreException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The agent's native watches, one per (store, prefix) whatever the number of Watch streams on it: the first
 * subscriber registers it with the store, later ones join, the last to leave unregisters it.
 */
final class SharedWatches {

    private record Key(KvStore store, String prefix) {
    }

    private final Executor reader;
    private final Map<Key, SharedWatch> watches = new HashMap<>();

    /** {@code reader} runs the reads that follow changes, never the store's own watch thread. */
    SharedWatches(Executor reader) {
        this.reader = reader;
    }

    /**
     * Subscribes to changes under {@code prefix}; returns once the store's watch is in place, so that a
     * snapshot taken afterwards misses nothing. Closing the handle leaves.
     */
    Subscription subscribe(KvStore store, String prefix, WatchSubscriber subscriber)
            throws StoreException {
        Key key = new Key(store, prefix);
        SharedWatch watch;
        synchronized (this) {
            watch = watches.computeIfAbsent(key, k -> new SharedWatch(store, prefix, reader));
            watch.join(subscriber);
        }
        try {
            watch.open();
        } catch (StoreException | RuntimeException e) {
            leave(key, watch, subscriber);
            throw e;
        }
        return new Subscription(watch, () -> leave(key, watch, subscriber));
    }

    private void leave(Key key, SharedWatch watch, WatchSubscriber subscriber) {
        boolean last;
        synchronized (this) {
            last = watch.leave(subscriber);
            if (last) {
                watches.remove(key, watch);
            }
        }
        if (last) {
            watch.close();
        }
    }

    /** How many watches are registered with stores (for tests). */
    synchronized int size() {
        return watches.size();
    }

    /** One subscriber's place on a shared watch; closing it leaves. */
    record Subscription(SharedWatch watch, Runnable leave) implements AutoCloseable {

        /** The sequence number the next read of a changed key will carry. */
        long nextRead() {
            return watch.nextRead();
        }

        @Override
        public void close() {
            leave.run();
        }
    }
}
