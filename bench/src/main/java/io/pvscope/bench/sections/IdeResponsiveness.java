package io.pvscope.bench.sections;

import io.pvscope.bench.BenchEnv;
import io.pvscope.bench.proc.LoggedRun;
import io.pvscope.bench.report.Fmt;
import io.pvscope.bench.report.ResultTable;
import io.pvscope.bench.report.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * 8. The IDE side: the Key/Value view of a real Eclipse workbench (under Xvfb) showing a 50,000-key simulated
 * store of the real agent, against a plain SWT virtual tree with the same columns filled with the same rows
 * from memory, in the same workbench, rounds alternated. Measured: Connect (and Refresh) until the rows are
 * painted, and the longest UI-thread stall while loading, refreshing and filtering.
 *
 * <p>The workbench is the plug-in test bundle's, run by Tycho: {@code scripts/ide-measurement} builds the
 * plug-ins and runs IdeResponsivenessMeasurement in it, which writes its figures to a file this section reads.
 * It needs the source tree: the harness runs in it (as {@code ./pvscope-bench} runs it).
 */
public final class IdeResponsiveness {

    static final int KEYS = 50_000;
    static final double STALL_LIMIT_MILLIS = 100;
    private static final String BASELINE = "SWT virtual tree from memory";

    private final BenchEnv env;
    private final ResultTable table;

    public IdeResponsiveness(BenchEnv env, ResultTable table) {
        this.env = env;
        this.table = table;
    }

    public void run() throws Exception {
        Path script = Path.of("scripts", "ide-measurement").toAbsolutePath();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("run from the source tree: " + script + " is missing");
        }
        Path figures = env.work("ide").resolve("figures.tsv");
        Files.deleteIfExists(figures);
        int rounds = env.quick() ? 1 : 4;
        int warmups = env.quick() ? 0 : 1;
        Path log = env.log("ide-workbench");
        System.err.println("  building the plug-ins and measuring in a workbench (" + log + ")");
        LoggedRun.toEnd("the workbench measurement", List.of(script.toString(), figures.toString(),
                Integer.toString(rounds), Integer.toString(warmups)), log, Duration.ofMinutes(40));
        if (!Files.exists(figures)) {
            throw new IOException("the workbench measurement wrote no figures; see " + log);
        }
        WorkbenchFigures measured = WorkbenchFigures.read(figures);
        measured.remarks().forEach(remark -> System.err.println("  workbench: " + remark));
        int n = measured.rounds("pvscope", "load");
        String view = "Key/Value view, " + KEYS / 1000 + "k keys: ";
        time(measured, view + "Connect → rows painted (median of " + n + ")", "load");
        time(measured, view + "Refresh → rows painted (median of " + n + ")", "refresh");
        stall(measured, view + "longest UI-thread stall while loading (median of " + n + ")", "load-stall");
        stall(measured, view + "longest UI-thread stall while refreshing (median of " + n + ")", "refresh-stall");
        stall(measured, view + "longest UI-thread stall while filtering (median of " + n + ")", "filter-stall");
        System.err.println("  workbench: a plain thread's 10 ms beat meanwhile, longest gap (median of the rounds)"
                + " while loading, refreshing, filtering: view " + control(measured, "pvscope") + ", baseline "
                + control(measured, "baseline"));
    }

    private void time(WorkbenchFigures measured, String what, String figure) {
        double subject = measured.median("pvscope", figure);
        double baseline = measured.median("baseline", figure);
        table.add(new Row("8", what, Fmt.millis(subject), Fmt.millis(baseline) + " " + BASELINE,
                ratio(subject, baseline), "-", "-"));
    }

    /**
     * Each round's longest stall, the median of the rounds on each side (a lone hiccup of this shared machine
     * moves the worst round by hundreds of milliseconds, on either side); the worst round beside it.
     */
    private void stall(WorkbenchFigures measured, String what, String figure) {
        double subject = measured.median("pvscope", figure);
        double baseline = measured.median("baseline", figure);
        table.add(new Row("8", what, Fmt.millis(subject) + worst(measured, "pvscope", figure),
                Fmt.millis(baseline) + worst(measured, "baseline", figure) + " " + BASELINE,
                ratio(subject, baseline), "≤ " + (long) STALL_LIMIT_MILLIS + " ms",
                Fmt.atMost(subject, STALL_LIMIT_MILLIS)));
    }

    private static String worst(WorkbenchFigures measured, String side, String figure) {
        return measured.rounds(side, figure) > 1 ? " (worst " + Fmt.millis(measured.max(side, figure)) + ")" : "";
    }

    /** How long a plain thread of the workbench stalled: a UI-thread stall near it was every thread's. */
    private static String control(WorkbenchFigures measured, String side) {
        return Stream.of("load", "refresh", "filter")
                .map(step -> Fmt.millis(measured.median(side, step + "-stall-control")))
                .collect(Collectors.joining(", "));
    }

    private static String ratio(double subject, double baseline) {
        return baseline > 0 ? Fmt.ratio(subject / baseline) : "-";
    }
}
