package io.pvscope.agent.cli;

import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.fs.SystemRoot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * Times whole detections (report and device tree, as the agent refreshes them) in this process, after a
 * warm-up, beside a baseline measured in the same run: reading /proc/cpuinfo once, the least any
 * detection on Linux does. Prints mean, median and 99th percentile in microseconds and the ratio of the means;
 * on a busy machine the mean and p99 carry the scheduler's noise, the median shows the work itself.
 */
final class DetectionBenchmark {

    /** Detection in-process after warm-up, as the performance doc measures it. */
    static final double BAR_MICROS = 2000;

    private final int runs;
    private final PrintWriter out;

    DetectionBenchmark(int runs, PrintWriter out) {
        this.runs = runs;
        this.out = out;
    }

    void run(SystemRoot live, Optional<SystemRoot> captured) {
        int warmUp = Math.max(runs, 1000);
        out.printf("detection benchmark: %d timed runs each, after %d warm-up runs%n", runs, warmUp);
        Path cpuinfo = live.resolve("/proc/cpuinfo");
        Timing baseline = time(warmUp, () -> readAll(cpuinfo));
        print("baseline", "read /proc/cpuinfo", baseline, baseline);
        print("live", live.toString(), time(warmUp, () -> new Detection(live, Clock.systemUTC()).refresh()), baseline);
        captured.ifPresent(root -> print("captured", root.toString(),
                time(warmUp, () -> new Detection(root, Clock.systemUTC()).refresh()), baseline));
        out.flush();
    }

    private void print(String label, String what, Timing timing, Timing baseline) {
        String verdict = label.equals("baseline") ? "" : String.format("  %.1fx baseline, %s the %.0f us bar",
                timing.mean() / baseline.mean(), timing.mean() <= BAR_MICROS ? "within" : "OVER", BAR_MICROS);
        out.printf("%-9s %s%n          mean %9.1f us  median %9.1f us  p99 %9.1f us%s%n", label, what,
                timing.mean(), timing.median(), timing.p99(), verdict);
    }

    private Timing time(int warmUp, Runnable work) {
        for (int i = 0; i < warmUp; i++) {
            work.run();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
        }
        return Timing.of(nanos);
    }

    private static void readAll(Path file) {
        try {
            Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean, median and nearest-rank 99th percentile, in microseconds. */
    record Timing(double mean, double median, double p99) {

        static Timing of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            double mean = Arrays.stream(sorted).average().orElse(0) / 1000.0;
            int rank = (int) Math.ceil(0.99 * sorted.length) - 1;
            return new Timing(mean, sorted[sorted.length / 2] / 1000.0, sorted[Math.max(rank, 0)] / 1000.0);
        }
    }
}
