package io.pvscope.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Latencies of completed calls, how long they were measured for, how many failed and, when measured, the
 * server's CPU time meanwhile. Mergeable.
 */
public final class Sample {

    private final Histogram latencies = new Histogram(3_600_000_000_000L, 3);
    private long nanos;
    private long errors;
    private long serverCpuMillis;

    public synchronized void record(long latencyNanos) {
        latencies.recordValue(Math.max(1, latencyNanos));
    }

    public synchronized void error() {
        errors++;
    }

    public synchronized void addTime(long elapsedNanos) {
        nanos += elapsedNanos;
    }

    /** CPU time the server used (all its threads) while these calls ran. */
    public synchronized void addServerCpu(long millis) {
        serverCpuMillis += millis;
    }

    public synchronized void add(Sample other) {
        synchronized (other) {
            latencies.add(other.latencies);
            nanos += other.nanos;
            errors += other.errors;
            serverCpuMillis += other.serverCpuMillis;
        }
    }

    /** The server's CPU time per completed call, in microseconds; 0 when it was not measured. */
    public synchronized double serverCpuMicrosPerCall() {
        long calls = latencies.getTotalCount();
        return calls == 0 ? 0 : serverCpuMillis * 1_000.0 / calls;
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
