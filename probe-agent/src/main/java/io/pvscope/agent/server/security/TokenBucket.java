package io.pvscope.agent.server.security;

import java.util.function.LongSupplier;

/** A token bucket: up to `burst` calls at once, refilled at `ratePerSecond`. */
final class TokenBucket {

    private final double ratePerNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    TokenBucket(double ratePerSecond, int burst, LongSupplier nanoTime) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    synchronized boolean tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
