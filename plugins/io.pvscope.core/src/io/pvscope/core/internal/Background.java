package io.pvscope.core.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads for work that must not run on a caller's (often the UI's) thread: opening channels. */
public final class Background {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private static final ThreadFactory DAEMONS = runnable -> {
        Thread thread = new Thread(runnable, "pvscope-core-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    };

    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(DAEMONS);

    private Background() {
    }

    public static ExecutorService executor() {
        return EXECUTOR;
    }
}
