package io.pvscope.bench.sections;

import io.grpc.ManagedChannel;
import io.pvscope.bench.BenchEnv;
import io.pvscope.bench.Rpc;
import io.pvscope.bench.baseline.BareMethods;
import io.pvscope.bench.baseline.BenchKeys;
import io.pvscope.bench.baseline.SimFiles;
import io.pvscope.bench.load.Alternation;
import io.pvscope.bench.load.ClosedLoop;
import io.pvscope.bench.proc.RssSampler;
import io.pvscope.bench.proc.ServerProcess;
import io.pvscope.bench.report.Fmt;
import io.pvscope.bench.report.Growth;
import io.pvscope.bench.report.ResultTable;
import io.pvscope.bench.report.Row;
import io.pvscope.proto.v1.KvListRequest;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * 5 and 6. For 1k, 10k and 100k keys in the simulated store: a full KvList with values streamed to the end
 * against the bare server streaming the same pages from memory, the agent's RSS idle and at its peak while
 * listing against the bare server's, and the KvRead latency against the bare echo.
 */
public final class KeysGrowth {

    /** The goal for the largest listing: at most twice the bare stream's time for the same entries. */
    static final double LIST_100K_BAR = 2.0;

    private final BenchEnv env;
    private final ResultTable table;
    private final Growth growth;

    public KeysGrowth(BenchEnv env, ResultTable table, Growth growth) {
        this.env = env;
        this.table = table;
        this.growth = growth;
    }

    private record Listing(double medianMillis, long peakRssKib) {
    }

    public void run() throws Exception {
        try (ServerProcess bare = env.startBare("keys-bare", BenchEnv.MEMORY_FLAGS)) {
            ManagedChannel bareChannel = Rpc.channel(bare.port());
            try {
                for (int keys : env.quick() ? new int[] {1_000, 10_000} : new int[] {1_000, 10_000, 100_000}) {
                    measure(keys, bare, bareChannel);
                }
            } finally {
                Rpc.close(bareChannel);
            }
        }
    }

    private void measure(int keys, ServerProcess bare, ManagedChannel bareChannel) throws Exception {
        Path store = SimFiles.seed(env.work("keys").resolve("sim-" + keys + ".json"), keys);
        try (ServerProcess agent = env.startAgent("keys-" + keys, BenchEnv.MEMORY_FLAGS, List.of("--store", "sim=" + store))) {
            ManagedChannel channel = Rpc.channel(agent.port());
            try {
                int unit = Rpc.unitOf(channel, "sim");
                KvListRequest agentList = KvListRequest.newBuilder().setUnit(unit).setKey(BenchKeys.PARENT)
                        .setWithValues(true).build();
                // The bare server reads the count from the unit field.
                KvListRequest bareList = KvListRequest.newBuilder().setUnit(keys).setKey(BenchKeys.PARENT)
                        .setWithValues(true).build();
                // Load the store into memory (the agent reads the file at start) and warm both servers up.
                Rpc.drain(channel, PvBusGrpc.getKvListMethod(), agentList);
                Rpc.drain(bareChannel, BareMethods.LIST, bareList);
                Thread.sleep(env.quick() ? 200 : 1_000);
                long idleRss = agent.rssKib();

                int runs = env.quick() ? 2 : 5;
                Listing[] listings = list(agent, channel, agentList, bare, bareChannel, bareList, runs);
                Listing agentListing = listings[0];
                Listing bareListing = listings[1];

                KvReadRequest read = KvReadRequest.newBuilder().setUnit(unit).setKey(BenchKeys.READ_KEY).build();
                var reads = new Alternation(env.scaled(1_000), env.scaled(1_000), 2).compare(
                        d -> ClosedLoop.async(Rpc.unary(channel, PvBusGrpc.getKvReadMethod(), read), 1, d),
                        d -> ClosedLoop.async(Rpc.unary(bareChannel, BareMethods.READ, read), 1, d));
                Errors.check(reads.subject(), "agent KvRead");
                Errors.check(reads.baseline(), "bare Read");

                String n = keys >= 1_000 ? keys / 1_000 + "k" : Integer.toString(keys);
                boolean targeted = keys == 100_000;
                table.add(new Row("5", "KvList " + n + " keys with values, to the end", Fmt.millis(agentListing.medianMillis()),
                        Fmt.millis(bareListing.medianMillis()) + " bare stream",
                        Fmt.ratio(agentListing.medianMillis() / bareListing.medianMillis()),
                        targeted ? "≤ 2.00×" : "-",
                        targeted ? Fmt.atMost(agentListing.medianMillis() / bareListing.medianMillis(), LIST_100K_BAR)
                                : "-"));
                table.add(new Row("5", "peak RSS while listing " + n + " keys", Fmt.mib(agentListing.peakRssKib()),
                        Fmt.mib(bareListing.peakRssKib()) + " bare stream",
                        Fmt.ratio((double) agentListing.peakRssKib() / bareListing.peakRssKib()), "-", "-"));
                table.add(new Row("6", "KvRead p50, 1 caller, " + n + " keys", Fmt.micros(reads.subject().p50Micros()),
                        Fmt.micros(reads.baseline().p50Micros()) + " bare echo",
                        Fmt.ratio(reads.subject().p50Micros() / reads.baseline().p50Micros()), "-", "-"));
                growth.keys.add(new Growth.KeyPoint(keys, reads.subject().p50Micros(), agentListing.medianMillis(),
                        bareListing.medianMillis(), idleRss, agentListing.peakRssKib()));
            } finally {
                Rpc.close(channel);
            }
        }
    }

    /**
     * The agent's listings and the bare server's, in alternating rounds: load from elsewhere on the machine
     * falls on both alike instead of on whichever ran while it lasted.
     */
    private Listing[] list(ServerProcess agent, ManagedChannel agentChannel, KvListRequest agentList,
                           ServerProcess bare, ManagedChannel bareChannel, KvListRequest bareList, int runs)
            throws Exception {
        double[] agentMillis = new double[runs];
        double[] bareMillis = new double[runs];
        long agentPeak;
        long barePeak;
        try (RssSampler agentRss = new RssSampler(agent.pid()); RssSampler bareRss = new RssSampler(bare.pid())) {
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                Rpc.drain(agentChannel, PvBusGrpc.getKvListMethod(), agentList);
                agentMillis[i] = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                Rpc.drain(bareChannel, BareMethods.LIST, bareList);
                bareMillis[i] = (System.nanoTime() - t0) / 1e6;
            }
            agentPeak = agentRss.maxKib();
            barePeak = bareRss.maxKib();
        }
        return new Listing[] {new Listing(median(agentMillis), agentPeak), new Listing(median(bareMillis), barePeak)};
    }

    private static double median(double[] millis) {
        Arrays.sort(millis);
        return millis[millis.length / 2];
    }
}
