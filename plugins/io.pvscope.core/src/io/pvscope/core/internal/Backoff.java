package io.pvscope.core.internal;

import java.time.Duration;

/**
 * Delays between reconnect attempts: doubling from a first delay up to a ceiling, so a restarted agent is
 * found quickly and a host that stays away is not hammered.
 */
public final class Backoff {

    private final Duration first;
    private final Duration ceiling;
    private int failures;

    public Backoff(Duration first, Duration ceiling) {
        this.first = first;
        this.ceiling = ceiling;
    }

    /** The delay before the next attempt; each call counts one more failure. */
    public synchronized Duration next() {
        long millis = first.toMillis() << Math.min(failures, 20);
        failures++;
        return Duration.ofMillis(Math.min(millis, ceiling.toMillis()));
    }

    public synchronized int failures() {
        return failures;
    }

    public synchronized void reset() {
        failures = 0;
    }
}
