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
import io.pvscope.bench.proc.ShippedLauncher;
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
 * 4. From spawning the JVM to the first answered KvRead, and the idle RSS after it: the agent by {@code java -jar}
 * with the JVM's defaults, and through the shipped launcher (packaging/deb/pvscope: its flags, the archive
 * its make-class-archives makes), each against the bare server with the same flags (and an archive made the
 * same way), and the one against the other.
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

    private record Figures(double startMillis, long rssKib) {
    }

    public void run() throws Exception {
        Path store = SimFiles.seed(env.work("start").resolve("sim.json"), 1_000);
        List<String> storeArgs = List.of("--store", "sim=" + store);
        List<String> serveArgs = new ArrayList<>(List.of("serve", "--listen", "127.0.0.1:0"));
        serveArgs.addAll(storeArgs);
        // The sim store's unit follows the detected ones; learn its number once, outside any timing.
        int unit;
        try (ServerProcess agent = env.startAgent("start-probe", BenchEnv.DEFAULT_FLAGS, storeArgs)) {
            ManagedChannel channel = Rpc.channel(agent.port());
            unit = Rpc.unitOf(channel, "sim");
            Rpc.close(channel);
        }
        KvReadRequest request = KvReadRequest.newBuilder().setUnit(unit).setKey(BenchKeys.READ_KEY).build();

        ShippedLauncher shipped = ShippedLauncher.prepare(env, "start-launcher");
        List<String> shippedFlags = shipped.flags();
        Path bareArchive = env.work("start").resolve("bare.jsa");
        trainBare(bareArchive, shippedFlags, request);
        List<String> bareShipped = new ArrayList<>(shippedFlags);
        bareShipped.add("-XX:SharedArchiveFile=" + bareArchive);

        int runs = env.quick() ? 2 : 5;
        List<String> byJar = new ArrayList<>(List.of(env.javaBin().toString(), "-jar", env.agentJar().toString()));
        byJar.addAll(serveArgs);
        Figures plain = median(runs, () -> ServerProcess.start(byJar, env.log("start-agent")),
                PvBusGrpc.getKvReadMethod(), request);
        Figures plainBare = median(runs, () -> env.startBare("start-bare", BenchEnv.DEFAULT_FLAGS), BareMethods.READ,
                request);
        rows("default flags (java -jar)", plain, plainBare, "bare server");

        Figures launched = median(runs, () -> ServerProcess.start(shipped.pvscope(serveArgs),
                env.log("start-launcher")), PvBusGrpc.getKvReadMethod(), request);
        Figures launchedBare = median(runs, () -> env.startBare("start-bare-archived", bareShipped),
                BareMethods.READ, request);
        rows("shipped launcher (its flags, serve.jsa)", launched, launchedBare, "bare server, same flags + archive");
        rows("shipped launcher vs java -jar", launched, plain, "java -jar, default flags");
    }

    private void rows(String name, Figures agent, Figures baseline, String baselineName) {
        table.add(new Row("4", "start → first KvRead, " + name, Fmt.millis(agent.startMillis()),
                Fmt.millis(baseline.startMillis()) + " " + baselineName,
                Fmt.ratio(agent.startMillis() / baseline.startMillis()), "≤ 0.5 s",
                Fmt.atMost(agent.startMillis(), START_BAR_MILLIS)));
        table.add(new Row("4", "idle RSS, " + name, Fmt.mib(agent.rssKib()),
                Fmt.mib(baseline.rssKib()) + " " + baselineName,
                Fmt.ratio((double) agent.rssKib() / baseline.rssKib()), "≤ 64 MiB",
                Fmt.atMost(agent.rssKib(), RSS_BAR_KIB)));
    }

    /** The bare server's archive, made as make-class-archives makes the agent's: a call answered, then exit. */
    private void trainBare(Path archive, List<String> flags, KvReadRequest request) throws Exception {
        Files.deleteIfExists(archive);
        List<String> training = new ArrayList<>(flags);
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        try (ServerProcess bare = env.startBare("cds-train-bare", training)) {
            call(bare, BareMethods.READ, request);
        }
        if (!Files.exists(archive)) {
            throw new IllegalStateException("the training run wrote no AppCDS archive " + archive);
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
