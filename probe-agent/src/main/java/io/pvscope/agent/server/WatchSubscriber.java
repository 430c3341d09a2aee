package io.pvscope.agent.server;

import io.pvscope.agent.kv.StoreException;

/** What a shared watch tells each Watch stream on it. Called from threads that must not wait. */
interface WatchSubscriber {

    /** Whether this subscriber may learn of {@code key}: its value ({@code orAbove} false), or that it went. */
    boolean mayRead(String key, boolean orAbove);

    /**
     * A changed key as read once for every subscriber; {@code sequence} numbers the reads of this watch in
     * the order they were taken up, so a subscriber can tell a read that began before its snapshot did.
     */
    void changed(KeyRead read, long sequence);

    /** The store went away; {@link #resumed()} follows when it is back. */
    void lost(StoreException why);

    void resumed();
}
