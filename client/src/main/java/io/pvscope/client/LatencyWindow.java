package io.pvscope.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.LongSupplier;

/** The median round trip of the last minute: a live figure, not the one measured at connect time. */
public final class LatencyWindow {

    public static final Duration SPAN = Duration.ofMinutes(1);

    private record Sample(long atNanos, long latencyNanos) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private final LongSupplier nanoTime;

    public LatencyWindow(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    public LatencyWindow() {
        this(System::nanoTime);
    }

    public synchronized void add(Duration latency) {
        samples.addLast(new Sample(nanoTime.getAsLong(), latency.toNanos()));
        forgetOld();
    }

    /** The median of the samples of the last minute; empty when there are none. */
    public synchronized Optional<Duration> median() {
        forgetOld();
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        long[] sorted = samples.stream().mapToLong(Sample::latencyNanos).sorted().toArray();
        int middle = sorted.length / 2;
        long median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Optional.of(Duration.ofNanos(median));
    }

    private void forgetOld() {
        long oldest = nanoTime.getAsLong() - SPAN.toNanos();
        while (!samples.isEmpty() && samples.peekFirst().atNanos() - oldest < 0) {
            samples.removeFirst();
        }
    }
}
