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
    /** As shipped, against the bare server with the same flags and archive: the agent's own share. */
    static final double SHIPPED_START_BAR = 1.2;
    static final double SHIPPED_RSS_BAR = 1.1;

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
        List<String> shippedFlags = new ArrayList<>(shipped.flags());
        shippedFlags.add(shipped.nettyLibraryPath());
        Path bareArchive = env.work("start").resolve("bare.jsa");
        trainBare(bareArchive, shippedFlags, request);
        List<String> bareShipped = new ArrayList<>(shippedFlags);
        bareShipped.add("-XX:SharedArchiveFile=" + bareArchive);

        // Eleven rounds: a start's time moves by a tenth with the neighbours' load, and five rounds let the
        // ratio of the medians move as much from run to run.
        int runs = env.quick() ? 2 : 11;
        List<String> byJar = new ArrayList<>(List.of(env.javaBin().toString(), "-jar", env.agentJar().toString()));
        byJar.addAll(serveArgs);
        List<Figures> figures = alternating(runs, List.of(
                () -> once(() -> ServerProcess.start(byJar, env.log("start-agent")), PvBusGrpc.getKvReadMethod(),
                        request),
                () -> once(() -> env.startBare("start-bare", BenchEnv.DEFAULT_FLAGS), BareMethods.READ, request),
                () -> once(() -> ServerProcess.start(shipped.pvscope(serveArgs), env.log("start-launcher")),
                        PvBusGrpc.getKvReadMethod(), request),
                () -> once(() -> env.startBare("start-bare-archived", bareShipped), BareMethods.READ, request)));
        Figures plain = figures.get(0);
        Figures launched = figures.get(2);
        rows("default flags (java -jar)", plain, figures.get(1), "bare server");
        shippedRows(launched, figures.get(3));
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

    /** The shipped launcher against the bare server with its flags: ratio goals, and 64 MiB for the RSS. */
    private void shippedRows(Figures agent, Figures bare) {
        String name = "shipped launcher (its flags, serve.jsa)";
        String baselineName = "bare server, same flags + archive";
        double start = agent.startMillis() / bare.startMillis();
        double rss = (double) agent.rssKib() / bare.rssKib();
        table.add(new Row("4", "start → first KvRead, " + name, Fmt.millis(agent.startMillis()),
                Fmt.millis(bare.startMillis()) + " " + baselineName, Fmt.ratio(start), "≤ 1.20×",
                Fmt.atMost(start, SHIPPED_START_BAR)));
        String rssVerdict = Fmt.atMost(rss, SHIPPED_RSS_BAR);
        String mibVerdict = Fmt.atMost(agent.rssKib(), RSS_BAR_KIB);
        table.add(new Row("4", "idle RSS, " + name, Fmt.mib(agent.rssKib()),
                Fmt.mib(bare.rssKib()) + " " + baselineName, Fmt.ratio(rss), "≤ 1.10× and ≤ 64 MiB",
                rssVerdict.equals("met") && mibVerdict.equals("met") ? "met"
                        : "ratio " + rssVerdict + ", size " + mibVerdict));
    }

    /**
     * The bare server's archive, made as make-class-archives makes the agent's: the classes a run loads until a
     * call is answered, then a static archive dumped from that list with the same flags.
     */
    private void trainBare(Path archive, List<String> flags, KvReadRequest request) throws Exception {
        Files.deleteIfExists(archive);
        Path classList = archive.resolveSibling(archive.getFileName() + ".classlist");
        List<String> training = new ArrayList<>(flags);
        training.add("-XX:DumpLoadedClassList=" + classList);
        try (ServerProcess bare = env.startBare("cds-train-bare", training)) {
            call(bare, BareMethods.READ, request);
        }
        List<String> dump = new ArrayList<>(flags);
        dump.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + archive));
        env.runBareJvm("cds-dump-bare", dump);
        if (!Files.exists(archive)) {
            throw new IllegalStateException("the dump wrote no class-data archive " + archive);
        }
    }

    private interface Starter {
        ServerProcess start() throws Exception;
    }

    private interface Trial {
        Figures run() throws Exception;
    }

    /**
     * The median figures of each trial over {@code runs} rounds, the trials alternating within a round (the
     * order reversed every other round), so that a neighbour's load weighs on all of them alike.
     */
    private static List<Figures> alternating(int runs, List<Trial> trials) throws Exception {
        double[][] starts = new double[trials.size()][runs];
        long[][] rss = new long[trials.size()][runs];
        for (int round = 0; round < runs; round++) {
            for (int i = 0; i < trials.size(); i++) {
                int which = round % 2 == 0 ? i : trials.size() - 1 - i;
                Figures figures = trials.get(which).run();
                starts[which][round] = figures.startMillis();
                rss[which][round] = figures.rssKib();
            }
        }
        List<Figures> medians = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            Arrays.sort(starts[i]);
            Arrays.sort(rss[i]);
            medians.add(new Figures(starts[i][runs / 2], rss[i][runs / 2]));
        }
        return medians;
    }

    /** One start: spawn to the first answer, and the resident memory once idle. */
    private <Q, R> Figures once(Starter starter, MethodDescriptor<Q, R> method, Q request) throws Exception {
        try (ServerProcess server = starter.start()) {
            double start = (call(server, method, request) - server.startedNanos()) / 1e6;
            // Idle: the start-up garbage and the JIT's first burst have settled.
            Thread.sleep(env.quick() ? 500 : 2_000);
            return new Figures(start, server.rssKib());
        }
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
