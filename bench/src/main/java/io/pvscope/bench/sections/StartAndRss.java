package io.pvscope.bench.sections;

import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.CallOptions;
import io.pvscope.bench.BenchEnv;
import io.pvscope.bench.Rpc;
import io.pvscope.bench.baseline.BareMethods;
import io.pvscope.bench.baseline.BenchKeys;
import io.pvscope.bench.baseline.SimFiles;
import io.pvscope.bench.proc.ServerProcess;
import io.pvscope.bench.report.Fmt;
import io.pvscope.bench.report.ResultTable;
import io.pvscope.bench.report.Row;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * 4. From spawning the JVM to the first answered KvRead, and the idle RSS after it, for the agent and the bare
 * server under the same JVM flags: default, tuned, tuned with an AppCDS archive made by a training run.
 */
public final class StartAndRss {

    static final double START_BAR_MILLIS = 500;
    static final long RSS_BAR_KIB = 64 * 1024;

    private final BenchEnv env;
    private final ResultTable table;

    public StartAndRss(BenchEnv env, ResultTable table) {
        this.env = env;
        this.table = table;
    }

    private record Variant(String name, List<String> agentFlags, List<String> bareFlags) {
    }

    private record Figures(double startMillis, long rssKib) {
    }

    public void run() throws Exception {
        Path store = SimFiles.seed(env.work("start").resolve("sim.json"), 1_000);
        List<String> serveArgs = List.of("--store", "sim=" + store);
        // The sim store's unit follows the detected ones; learn its number once, outside any timing.
        int unit;
        try (ServerProcess agent = env.startAgent("start-probe", BenchEnv.DEFAULT_FLAGS, serveArgs)) {
            ManagedChannel channel = Rpc.channel(agent.port());
            unit = Rpc.unitOf(channel, "sim");
            Rpc.close(channel);
        }
        KvReadRequest request = KvReadRequest.newBuilder().setUnit(unit).setKey(BenchKeys.READ_KEY).build();

        Path agentArchive = env.work("start").resolve("agent.jsa");
        Path bareArchive = env.work("start").resolve("bare.jsa");
        train(agentArchive, bareArchive, serveArgs, request);
        List<Variant> variants = List.of(
                new Variant("default flags", BenchEnv.DEFAULT_FLAGS, BenchEnv.DEFAULT_FLAGS),
                new Variant("tuned", BenchEnv.TUNED_FLAGS, BenchEnv.TUNED_FLAGS),
                new Variant("tuned + AppCDS", withArchive(agentArchive), withArchive(bareArchive)));
        int runs = env.quick() ? 2 : 5;
        for (Variant variant : variants) {
            Figures agent = median(runs, () -> env.startAgent("start-agent", variant.agentFlags(), serveArgs),
                    PvBusGrpc.getKvReadMethod(), request);
            Figures bare = median(runs, () -> env.startBare("start-bare", variant.bareFlags()), BareMethods.READ,
                    request);
            table.add(new Row("4", "start → first KvRead, " + variant.name(), Fmt.millis(agent.startMillis()),
                    Fmt.millis(bare.startMillis()) + " bare server", Fmt.ratio(agent.startMillis() / bare.startMillis()),
                    "≤ 0.5 s", Fmt.atMost(agent.startMillis(), START_BAR_MILLIS)));
            table.add(new Row("4", "idle RSS, " + variant.name(), Fmt.mib(agent.rssKib()),
                    Fmt.mib(bare.rssKib()) + " bare server", Fmt.ratio((double) agent.rssKib() / bare.rssKib()),
                    "≤ 64 MiB", Fmt.atMost(agent.rssKib(), RSS_BAR_KIB)));
        }
    }

    private static List<String> withArchive(Path archive) {
        List<String> flags = new ArrayList<>(BenchEnv.TUNED_FLAGS);
        flags.add("-XX:SharedArchiveFile=" + archive);
        return flags;
    }

    /** One run of each server that answers a call and exits normally, leaving its class archive behind. */
    private void train(Path agentArchive, Path bareArchive, List<String> serveArgs, KvReadRequest request)
            throws Exception {
        Files.deleteIfExists(agentArchive);
        Files.deleteIfExists(bareArchive);
        List<String> agentFlags = new ArrayList<>(BenchEnv.TUNED_FLAGS);
        agentFlags.add("-XX:ArchiveClassesAtExit=" + agentArchive);
        try (ServerProcess agent = env.startAgent("cds-train-agent", agentFlags, serveArgs)) {
            call(agent, PvBusGrpc.getKvReadMethod(), request);
        }
        List<String> bareFlags = new ArrayList<>(BenchEnv.TUNED_FLAGS);
        bareFlags.add("-XX:ArchiveClassesAtExit=" + bareArchive);
        try (ServerProcess bare = env.startBare("cds-train-bare", bareFlags)) {
            call(bare, BareMethods.READ, request);
        }
        for (Path archive : List.of(agentArchive, bareArchive)) {
            if (!Files.exists(archive)) {
                throw new IllegalStateException("the training run wrote no AppCDS archive " + archive);
            }
        }
    }

    private interface Starter {
        ServerProcess start() throws Exception;
    }

    private <Q, R> Figures median(int runs, Starter starter, MethodDescriptor<Q, R> method, Q request)
            throws Exception {
        double[] starts = new double[runs];
        long[] rss = new long[runs];
        for (int i = 0; i < runs; i++) {
            try (ServerProcess server = starter.start()) {
                starts[i] = (call(server, method, request) - server.startedNanos()) / 1e6;
                // Idle: the start-up garbage and the JIT's first burst have settled.
                Thread.sleep(env.quick() ? 500 : 2_000);
                rss[i] = server.rssKib();
            }
        }
        Arrays.sort(starts);
        Arrays.sort(rss);
        return new Figures(starts[runs / 2], rss[runs / 2]);
    }

    /** Makes the call on a new channel and returns System.nanoTime() at the answer. */
    private static <Q, R> long call(ServerProcess server, MethodDescriptor<Q, R> method, Q request)
            throws InterruptedException {
        ManagedChannel channel = Rpc.channel(server.port());
        try {
            ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
                    request);
            return System.nanoTime();
        } finally {
            Rpc.close(channel);
        }
    }
}
