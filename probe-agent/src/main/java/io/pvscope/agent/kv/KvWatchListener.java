package io.pvscope.agent.kv;

/**
 * What a native watch reports: changed paths, and, for stores reached through a daemon, that the daemon went
 * away and that it is back (after which anything may have changed, so the listener should look again).
 */
public interface KvWatchListener {

    void changed(String path);

    /** The store stopped answering; the store reconnects by itself, and {@link #resumed()} follows. */
    default void lost(StoreException why) {
    }

    /** The store answers again and the watch is in place once more; changes made meanwhile were not reported. */
    default void resumed() {
    }
}
