package io.pvscope.bench;

import io.pvscope.bench.report.Growth;
import io.pvscope.bench.report.GrowthPlot;
import io.pvscope.bench.report.ResultTable;
import io.pvscope.bench.report.Row;
import io.pvscope.bench.sections.DetectionCost;
import io.pvscope.bench.sections.HeartbeatCost;
import io.pvscope.bench.sections.IdeResponsiveness;
import io.pvscope.bench.sections.IdleWatchStreams;
import io.pvscope.bench.sections.KeysGrowth;
import io.pvscope.bench.sections.KvReadLoopback;
import io.pvscope.bench.sections.StartAndRss;
import io.pvscope.bench.sections.TransportCost;
import io.pvscope.bench.sections.WatchLatency;
import io.pvscope.bench.sections.XenStoreThroughput;
import io.pvscope.testsupport.xenstore.Xenstored;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every section, each against its baseline in the same run, and prints one table. A section that
 * fails is reported as a row saying so; the others still run.
 *
 * <p>Usage: {@code BenchMain --agent-jar JAR --bench-jar JAR --out DIR [--quick] [--jfr]
 * [--only 1,2,...]}; {@code --only 5list} runs section 5's listing and RSS rows without its watch rows.
 */
public final class BenchMain {

    private BenchMain() {
    }

    private interface Section {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        BenchEnv env = parse(args);
        List<String> only = option(args, "--only") == null ? List.of() : List.of(option(args, "--only").split(","));
        Files.createDirectories(env.out());
        ResultTable table = new ResultTable();
        Growth growth = new Growth();
        String machine = MachineInfo.describe();
        long started = System.nanoTime();
        System.err.println("pvscope-bench on " + machine);

        run(only, "1", "KvRead over loopback", table, () -> new KvReadLoopback(env, table).run());
        run(only, "1b", "transport cost", table, () -> new TransportCost(env, table).run());
        Xenstored daemon = null;
        if (only.isEmpty() || only.contains("2") || only.contains("5")) {
            try {
                // Untraced: a trace of every request would make the daemon, the common peer, the bottleneck.
                daemon = Xenstored.start(Xenstored.Daemon.CXENSTORED, env.work("xenstored"),
                        env.work("xenstored-shim"), Xenstored.Tracing.UNTRACED);
            } catch (Exception e) {
                table.add(Row.failed("2", "starting cxenstored", e));
            }
        }
        try {
            Xenstored xs = daemon;
            if (xs != null) {
                run(only, "2", "XenStore throughput", table, () -> new XenStoreThroughput(env, table, xs).run());
            }
            run(only, "3", "detection", table, () -> new DetectionCost(env, table).run());
            run(only, "4", "start and idle RSS", table, () -> new StartAndRss(env, table).run());
            // "5list" picks the listing and RSS rows alone, without the watch rows' daemon.
            run(only.contains("5list") ? List.of("5") : only, "5", "KvList and RSS vs keys", table,
                    () -> new KeysGrowth(env, table, growth).run());
            if (xs != null) {
                run(only, "5", "Watch latency vs watchers", table,
                        () -> new WatchLatency(env, table, growth, xs).run());
                run(only, "5", "idle Watch streams", table, () -> new IdleWatchStreams(env, table, xs).run());
            }
        } finally {
            if (daemon != null) {
                daemon.close();
            }
        }

        run(only, "7", "heartbeat cost", table, () -> new HeartbeatCost(env, table).run());
        run(only, "8", "IDE responsiveness", table, () -> new IdeResponsiveness(env, table).run());

        Path png = env.out().resolve("performance.png");
        if (!growth.keys.isEmpty() || !growth.watchers.isEmpty()) {
            GrowthPlot.write(growth, png);
        }
        table.save(env.out().resolve("table.md"));
        double minutes = (System.nanoTime() - started) / 60e9;
        System.out.println();
        System.out.println("pvscope-bench: " + machine);
        System.out.printf(Locale.ROOT, "measured in %.1f min%s; ratio = PvScope / baseline, same run%n", minutes,
                env.quick() ? " (--quick: NOT for publishing)" : "");
        System.out.println();
        table.print(System.out);
        System.out.println();
        System.out.println("results: " + env.out() + " (table.md, performance.png, jmh-detection.*, logs/"
                + (env.jfr() ? ", jfr/" : "") + ")");
    }

    private static void run(List<String> only, String id, String name, ResultTable table, Section section) {
        if (!only.isEmpty() && !only.contains(id)) {
            return;
        }
        System.err.println("[" + id + "] " + name);
        try {
            section.run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            table.add(Row.failed(id, name, e instanceof Exception ex ? ex : new RuntimeException(e)));
        }
    }

    private static BenchEnv parse(String[] args) {
        List<String> missing = new ArrayList<>();
        for (String required : List.of("--agent-jar", "--bench-jar", "--out")) {
            if (option(args, required) == null) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            System.err.println("usage: BenchMain --agent-jar JAR --bench-jar JAR --out DIR"
                    + " [--quick] [--jfr] [--only 1,2,3,4,5]; missing " + missing);
            System.exit(2);
        }
        List<String> flags = List.of(args);
        return new BenchEnv(Path.of(option(args, "--agent-jar")).toAbsolutePath(),
                Path.of(option(args, "--bench-jar")).toAbsolutePath(),
                Path.of(option(args, "--out")).toAbsolutePath(),
                flags.contains("--quick"), flags.contains("--jfr"));
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }
}
