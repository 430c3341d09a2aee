package io.pvscope.bench.load;

import org.HdrHistogram.Histogram;

/** Latencies of completed calls, how long they were measured for, and how many failed. Mergeable. */
public final class Sample {

    private final Histogram latencies = new Histogram(3_600_000_000_000L, 3);
    private long nanos;
    private long errors;

    public synchronized void record(long latencyNanos) {
        latencies.recordValue(Math.max(1, latencyNanos));
    }

    public synchronized void error() {
        errors++;
    }

    public synchronized void addTime(long elapsedNanos) {
        nanos += elapsedNanos;
    }

    public synchronized void add(Sample other) {
        synchronized (other) {
            latencies.add(other.latencies);
            nanos += other.nanos;
            errors += other.errors;
        }
    }

    public synchronized long count() {
        return latencies.getTotalCount();
    }

    public synchronized long errors() {
        return errors;
    }

    /** Percentile in microseconds. */
    public synchronized double percentileMicros(double percentile) {
        return latencies.getValueAtPercentile(percentile) / 1_000.0;
    }

    public double p50Micros() {
        return percentileMicros(50);
    }

    public double p99Micros() {
        return percentileMicros(99);
    }

    /** Completed calls per second of measured time. */
    public synchronized double throughput() {
        return nanos == 0 ? 0 : latencies.getTotalCount() * 1e9 / nanos;
    }
}
