package io.pvscope.core.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads for work that must not run on a caller's (often the UI's) thread: opening channels, retrying. */
public final class Background {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private static final ThreadFactory DAEMONS = runnable -> {
        Thread thread = new Thread(runnable, "pvscope-core-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    };

    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(DAEMONS);
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(DAEMONS);

    private Background() {
    }

    public static ExecutorService executor() {
        return EXECUTOR;
    }

    /** For delayed work only (reconnect attempts); the work itself should be short or hand off to {@link #executor()}. */
    public static ScheduledExecutorService scheduler() {
        return SCHEDULER;
    }
}
