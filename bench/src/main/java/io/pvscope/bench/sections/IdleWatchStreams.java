package io.pvscope.bench.sections;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.pvscope.bench.BenchEnv;
import io.pvscope.bench.Rpc;
import io.pvscope.bench.proc.ServerProcess;
import io.pvscope.bench.report.Fmt;
import io.pvscope.bench.report.ResultTable;
import io.pvscope.bench.report.Row;
import io.pvscope.bench.xs.XsWire;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import io.pvscope.testsupport.xenstore.Xenstored;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * 6. What an idle Watch stream costs the agent: its RSS with 2,000 streams open on one XenStore prefix and
 * nothing changing, against the same agent with none (after one stream came and went, so that the watch
 * code is loaded on both sides), and the difference per stream.
 */
public final class IdleWatchStreams {

    static final int STREAMS = 2_000;
    /** Streams per connection stay under the agent's max_concurrent_streams (64). */
    private static final int STREAMS_PER_CHANNEL = 50;

    private final BenchEnv env;
    private final ResultTable table;
    private final Xenstored daemon;

    public IdleWatchStreams(BenchEnv env, ResultTable table, Xenstored daemon) {
        this.env = env;
        this.table = table;
        this.daemon = daemon;
    }

    public void run() throws Exception {
        try (XsWire writer = XsWire.connect(daemon.socket())) {
            writer.write(WatchLatency.KEY, "idle".getBytes(StandardCharsets.UTF_8));
        }
        try (ServerProcess agent = env.startAgent("idle-watch-agent", BenchEnv.MEMORY_FLAGS,
                List.of("--xenstore", daemon.socket().toString()))) {
            open(agent, 1).forEach(IdleWatchStreams::closeQuietly);
            long none = settledRss(agent);
            List<ManagedChannel> channels = open(agent, STREAMS);
            try {
                long many = settledRss(agent);
                table.add(new Row("6", "agent RSS with " + String.format(Locale.ROOT, "%,d", STREAMS)
                        + " idle Watch streams", Fmt.mib(many), Fmt.mib(none) + " same agent, no stream",
                        Fmt.ratio((double) many / none), "-", "-"));
                table.add(new Row("6", "agent RSS per idle Watch stream",
                        String.format(Locale.ROOT, "%.1f KiB", (double) (many - none) / STREAMS), "-", "-", "-",
                        "-"));
            } finally {
                channels.forEach(IdleWatchStreams::closeQuietly);
            }
        }
    }

    /** RSS once the start-up (or the streams' opening) garbage and the JIT's burst have settled. */
    private long settledRss(ServerProcess agent) throws InterruptedException {
        Thread.sleep(env.quick() ? 1_000 : 3_000);
        return agent.rssKib();
    }

    /**
     * {@code streams} Watch streams on the bench's prefix, each past its sync marker. Opened one connection's
     * worth at a time, as clients arriving over a while would: 2,000 opened at once would leave the agent
     * with hundreds of transient call threads, which the RSS would count as the streams' cost.
     */
    private static List<ManagedChannel> open(ServerProcess agent, int streams) throws Exception {
        List<ManagedChannel> channels = new ArrayList<>();
        try {
            int unit = -1;
            for (int opened = 0; opened < streams; opened += STREAMS_PER_CHANNEL) {
                ManagedChannel channel = Rpc.channel(agent.port());
                channels.add(channel);
                if (unit < 0) {
                    unit = Rpc.unitOf(channel, "xenstore");
                }
                openOn(channel, unit, Math.min(STREAMS_PER_CHANNEL, streams - opened));
            }
            return channels;
        } catch (Exception | Error e) {
            channels.forEach(IdleWatchStreams::closeQuietly);
            throw e;
        }
    }

    private static void openOn(ManagedChannel channel, int unit, int streams) throws InterruptedException {
        WatchRequest request = WatchRequest.newBuilder().setUnit(unit).addPrefixes(WatchLatency.PREFIX).build();
        CountDownLatch synced = new CountDownLatch(streams);
        for (int i = 0; i < streams; i++) {
            PvBusGrpc.newStub(channel).watch(request, new StreamObserver<>() {
                @Override
                public void onNext(WatchEvent event) {
                    if (event.hasSync()) {
                        synced.countDown();
                    }
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            });
        }
        if (!synced.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(synced.getCount() + " of " + streams
                    + " Watch streams on one connection never reached their sync marker");
        }
    }

    private static void closeQuietly(ManagedChannel channel) {
        try {
            Rpc.close(channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
