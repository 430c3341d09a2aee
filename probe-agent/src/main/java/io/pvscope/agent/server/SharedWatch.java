package io.pvscope.agent.server;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.KvWatchListener;
import io.pvscope.agent.kv.StoreException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * One store watch on one prefix and its subscribers. A change is read once, off the store's watch thread
 * (XenStore replies arrive on it), and the result goes to every subscriber that may see the key. Changed
 * paths wait in a set while a read is under way, so a burst on one key costs one read, not one per change.
 */
final class SharedWatch implements KvWatchListener {

    private final KvStore store;
    private final String prefix;
    private final Executor reader;
    private final List<WatchSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Set<String> pending = new LinkedHashSet<>();
    private boolean reading;
    private boolean closed;
    /** Reads taken up so far; the next one's sequence number. */
    private volatile long reads;
    private AutoCloseable handle;
    /** Apart from the watch's own lock: registering waits for the store, changes must not wait for that. */
    private final Object opening = new Object();

    SharedWatch(KvStore store, String prefix, Executor reader) {
        this.store = store;
        this.prefix = prefix;
        this.reader = reader;
    }

    /** With the registry's lock held: joining and leaving never race with the last one closing. */
    void join(WatchSubscriber subscriber) {
        subscribers.add(subscriber);
    }

    /** With the registry's lock held; whether it was the last. */
    boolean leave(WatchSubscriber subscriber) {
        subscribers.remove(subscriber);
        return subscribers.isEmpty();
    }

    /** Registers the store watch unless done; later subscribers wait here until it is in place. */
    void open() throws StoreException {
        synchronized (opening) {
            synchronized (this) {
                if (handle != null || closed) {
                    return;
                }
            }
            AutoCloseable made = store.observe(prefix, this);
            boolean keep;
            synchronized (this) {
                keep = !closed;
                if (keep) {
                    handle = made;
                }
            }
            if (!keep) {
                closeQuietly(made);
            }
        }
    }

    long nextRead() {
        return reads;
    }

    /** From the store's watch thread (or a writer's, for stores that report in-process): never waits. */
    @Override
    public void changed(String path) {
        synchronized (this) {
            if (closed) {
                return;
            }
            pending.add(path);
            if (reading) {
                return;
            }
            reading = true;
        }
        reader.execute(this::readPending);
    }

    private void readPending() {
        try {
            while (true) {
                String path;
                long sequence;
                synchronized (this) {
                    if (closed || pending.isEmpty()) {
                        reading = false;
                        return;
                    }
                    path = pending.iterator().next();
                    pending.remove(path);
                    sequence = reads++;
                }
                KeyRead read = KeyRead.of(store, path, true);
                boolean gone = read.gone();
                for (WatchSubscriber subscriber : subscribers) {
                    if (subscriber.mayRead(path, gone)) {
                        subscriber.changed(read, sequence);
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                reading = false;
            }
            throw e;
        }
    }

    /** What was pending is stale: the subscribers take a fresh snapshot once the store is back. */
    @Override
    public void lost(StoreException why) {
        synchronized (this) {
            pending.clear();
        }
        subscribers.forEach(subscriber -> subscriber.lost(why));
    }

    @Override
    public void resumed() {
        subscribers.forEach(WatchSubscriber::resumed);
    }

    void close() {
        AutoCloseable toClose;
        synchronized (this) {
            closed = true;
            pending.clear();
            toClose = handle;
            handle = null;
        }
        if (toClose != null) {
            closeQuietly(toClose);
        }
    }

    private static void closeQuietly(AutoCloseable handle) {
        try {
            handle.close();
        } catch (Exception e) {
            // Nobody listens any more; a failed unwatch only costs the store a stale watch.
        }
    }
}
