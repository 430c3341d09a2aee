package io.pvscope.agent.server;

import java.util.Arrays;

/** Call latencies of one client thread (no locking: each thread has its own), merged for percentiles. */
final class LatencyLog {

    private long[] nanos = new long[1024];
    private int count;

    void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    int count() {
        return count;
    }

    static long[] sorted(Iterable<LatencyLog> logs) {
        int total = 0;
        for (LatencyLog log : logs) {
            total += log.count;
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencyLog log : logs) {
            System.arraycopy(log.nanos, 0, all, at, log.count);
            at += log.count;
        }
        Arrays.sort(all);
        return all;
    }

    /** The latency that {@code fraction} of the calls did not exceed, in milliseconds. */
    static double percentileMillis(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
