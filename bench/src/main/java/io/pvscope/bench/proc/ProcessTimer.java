package io.pvscope.bench.proc;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Wall time of a short command run to completion, several times; the median is reported. */
public final class ProcessTimer {

    private ProcessTimer() {
    }

    /** Median wall milliseconds of {@code runs} runs after one untimed run (page cache, dentries). */
    public static double medianMillis(List<String> command, int runs) throws IOException, InterruptedException {
        runOnce(command);
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            millis[i] = runOnce(command);
        }
        Arrays.sort(millis);
        return runs % 2 == 1 ? millis[runs / 2] : (millis[runs / 2 - 1] + millis[runs / 2]) / 2;
    }

    /**
     * Median wall milliseconds of each command, run in alternating rounds (the order reversed every other
     * round) after one untimed run of each: a neighbour's load then weighs on all of them alike, where runs
     * of one command after another would give each the load of its own moment.
     */
    public static double[] alternatingMedianMillis(List<List<String>> commands, int runs)
            throws IOException, InterruptedException {
        for (List<String> command : commands) {
            runOnce(command);
        }
        double[][] millis = new double[commands.size()][runs];
        for (int round = 0; round < runs; round++) {
            for (int i = 0; i < commands.size(); i++) {
                int which = round % 2 == 0 ? i : commands.size() - 1 - i;
                millis[which][round] = runOnce(commands.get(which));
            }
        }
        double[] medians = new double[commands.size()];
        for (int i = 0; i < commands.size(); i++) {
            medians[i] = median(millis[i]);
        }
        return medians;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Wall milliseconds of one run; fails when the command does. */
    public static double runOnce(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 60 s");
        }
        double elapsed = (System.nanoTime() - t0) / 1e6;
        // virt-what and systemd-detect-virt exit non-zero on bare metal ("none"); only a crash counts.
        if (process.exitValue() > 2) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue());
        }
        return elapsed;
    }
}
