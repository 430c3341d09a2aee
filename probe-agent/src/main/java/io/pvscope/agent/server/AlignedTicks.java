package io.pvscope.agent.server;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Periodic checks of many streams (heartbeats, device looks) scheduled on the same instants: the first at the
 * next multiple of the period on the JVM's clock. Streams with one period are then checked together, and
 * what they send goes out together, one wake-up of the timer and of a connection's network thread for all of
 * them rather than one each at scattered instants.
 */
final class AlignedTicks {

    private AlignedTicks() {
    }

    /** Runs {@code check} every {@code periodNanos} on {@code timer}, on the instants this period shares. */
    static ScheduledFuture<?> schedule(ScheduledExecutorService timer, Runnable check, long periodNanos) {
        return timer.scheduleAtFixedRate(check, delayToNext(System.nanoTime(), periodNanos), periodNanos,
                TimeUnit.NANOSECONDS);
    }

    /** The delay from {@code nowNanos} (System.nanoTime) to the next multiple of {@code period}: 1 to period. */
    static long delayToNext(long nowNanos, long period) {
        return period - Math.floorMod(nowNanos, period);
    }
}
