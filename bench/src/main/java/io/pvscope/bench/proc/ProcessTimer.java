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
