package io.pvscope.bench.sections;

import io.pvscope.bench.BenchEnv;
import io.pvscope.bench.jmh.DetectionBenchmark;
import io.pvscope.bench.baseline.EmptyMain;
import io.pvscope.bench.proc.ProcessTimer;
import io.pvscope.bench.proc.ShippedLauncher;
import io.pvscope.bench.report.Fmt;
import io.pvscope.bench.report.ResultTable;
import io.pvscope.bench.report.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * 3. Detection: in-process with JMH (a forked JVM, warmed up) against reading the same files raw; and
 * {@code pvscope detect} as a process against systemd-detect-virt and virt-what as processes and against the
 * Java floor (an empty main with the same flags), by {@code java -jar} and through the shipped launcher;
 * the shipped {@code hostctl} against the floor too.
 */
public final class DetectionCost {

    /** The goal for a detect as shipped: at most three times virt-what, a shell script doing the same job. */
    static final double DETECT_BAR = 3.0;

    static final double IN_PROCESS_BAR_MICROS = 2_000;
    private static final String VIRT_WHAT = "/usr/sbin/virt-what";
    /** The file JMH locks against concurrent runs; it stays in the temporary folder after JMH unlocks it. */
    private static final Path JMH_LOCK = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");

    private final BenchEnv env;
    private final ResultTable table;

    public DetectionCost(BenchEnv env, ResultTable table) {
        this.env = env;
        this.table = table;
    }

    public void run() throws Exception {
        inProcess();
        processes();
    }

    private void inProcess() throws Exception {
        Options options = new OptionsBuilder()
                .include(DetectionBenchmark.class.getName())
                .forks(1)
                .warmupIterations(env.quick() ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(env.quick() ? 2 : 5)
                .measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.MICROSECONDS)
                .result(env.out().resolve("jmh-detection.json").toString())
                .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
                .output(env.out().resolve("jmh-detection.txt").toString())
                .build();
        Collection<RunResult> results = runLeavingNoLock(options);
        double scan = score(results, "fullScan");
        double raw = score(results, "rawReads");
        table.add(new Row("3", "detection in-process, full scan (JMH avg)", Fmt.micros(scan),
                Fmt.micros(raw) + " raw reads of the same files", Fmt.ratio(scan / raw), "≤ 2 ms",
                Fmt.atMost(scan, IN_PROCESS_BAR_MICROS)));
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst().orElseThrow(() -> new IllegalStateException("JMH gave no result for " + method))
                .getPrimaryResult().getScore();
    }

    /** Runs JMH and removes its lock file, unless it was there before: then another run may be using it. */
    private static Collection<RunResult> runLeavingNoLock(Options options) throws Exception {
        boolean lockWasThere = Files.exists(JMH_LOCK);
        try {
            return new Runner(options).run();
        } finally {
            if (!lockWasThere) {
                Files.deleteIfExists(JMH_LOCK);
            }
        }
    }

    private void processes() throws Exception {
        int runs = env.quick() ? 3 : 11;
        ShippedLauncher shipped = ShippedLauncher.prepare(env, "detect-launcher");
        Path store = env.work("detect-launcher").resolve("hostctl-sim.json");
        boolean hasVirtWhat = Files.isExecutable(Path.of(VIRT_WHAT));
        List<List<String>> commands = new ArrayList<>(List.of(
                List.of("systemd-detect-virt"),
                List.of(env.javaBin().toString(), "-jar", env.agentJar().toString(), "detect"),
                javaFloor(List.of()),
                shipped.pvscope(List.of("detect")),
                javaFloor(shipped.flags()),
                shipped.hostctl(List.of("--store", "sim=" + store, "-t"))));
        if (hasVirtWhat) {
            commands.add(List.of(VIRT_WHAT));
        }
        double[] millis = ProcessTimer.alternatingMedianMillis(commands, runs);
        double systemd = millis[0];
        double plain = millis[1];
        double launched = millis[3];
        double floor = millis[4];
        Double virtWhat = hasVirtWhat ? millis[6] : null;

        compared("pvscope detect process (default JVM flags)", plain, systemd, virtWhat, millis[2]);
        compared("pvscope detect, shipped launcher", launched, systemd, virtWhat, floor);
        if (virtWhat != null) {
            table.add(new Row("3", "pvscope detect, shipped launcher: goal against virt-what", Fmt.millis(launched),
                    Fmt.millis(virtWhat) + " virt-what", Fmt.ratio(launched / virtWhat), "≤ 3.00×",
                    Fmt.atMost(launched / virtWhat, DETECT_BAR)));
        }
        table.add(new Row("3", "pvscope detect, shipped launcher vs java -jar", Fmt.millis(launched),
                Fmt.millis(plain) + " java -jar, default flags", Fmt.ratio(launched / plain), "-", "-"));
        table.add(new Row("3", "hostctl -t (local), shipped launcher", Fmt.millis(millis[5]),
                Fmt.millis(floor) + " Java floor, same flags", Fmt.ratio(millis[5] / floor), "-", "-"));
    }

    private void compared(String name, double pvscope, double systemd, Double virtWhat, double floor) {
        table.add(new Row("3", name, Fmt.millis(pvscope), Fmt.millis(systemd) + " systemd-detect-virt",
                Fmt.ratio(pvscope / systemd), "-", "-"));
        table.add(new Row("3", name, Fmt.millis(pvscope),
                virtWhat == null ? "virt-what not installed" : Fmt.millis(virtWhat) + " virt-what",
                virtWhat == null ? "n/a" : Fmt.ratio(pvscope / virtWhat), "-", "-"));
        table.add(new Row("3", name, Fmt.millis(pvscope), Fmt.millis(floor) + " Java floor, same flags",
                Fmt.ratio(pvscope / floor), "-", "-"));
    }

    /** An empty main with these flags: what any Java command pays before its first line runs. */
    private List<String> javaFloor(List<String> flags) {
        List<String> command = new ArrayList<>(List.of(env.javaBin().toString()));
        command.addAll(flags);
        command.addAll(List.of("-cp", env.benchJar().toString(), EmptyMain.class.getName()));
        return command;
    }
}
