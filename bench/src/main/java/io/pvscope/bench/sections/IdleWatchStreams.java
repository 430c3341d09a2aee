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

    /** {@code streams} Watch streams on the bench's prefix, each past its sync marker. */
    private static List<ManagedChannel> open(ServerProcess agent, int streams) throws Exception {
        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < (streams + STREAMS_PER_CHANNEL - 1) / STREAMS_PER_CHANNEL; i++) {
            channels.add(Rpc.channel(agent.port()));
        }
        int unit = Rpc.unitOf(channels.get(0), "xenstore");
        WatchRequest request = WatchRequest.newBuilder().setUnit(unit).addPrefixes(WatchLatency.PREFIX).build();
        CountDownLatch synced = new CountDownLatch(streams);
        for (int i = 0; i < streams; i++) {
            PvBusGrpc.newStub(channels.get(i / STREAMS_PER_CHANNEL)).watch(request, new StreamObserver<>() {
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
        if (!synced.await(120, TimeUnit.SECONDS)) {
            channels.forEach(IdleWatchStreams::closeQuietly);
            throw new IllegalStateException(synced.getCount() + " of " + streams
                    + " Watch streams never reached their sync marker");
        }
        return channels;
    }

    private static void closeQuietly(ManagedChannel channel) {
        try {
            Rpc.close(channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
