package io.pvscope.bench.sections;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.pvscope.bench.BenchEnv;
import io.pvscope.bench.Rpc;
import io.pvscope.bench.load.Sample;
import io.pvscope.bench.proc.ServerProcess;
import io.pvscope.bench.report.Fmt;
import io.pvscope.bench.report.Growth;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * 5 and 6. Watch: a value written straight to xenstored (as the host's tools would) until each of N Watch
 * streams on the agent has it, against N watches registered directly on xenstored over xs_wire. One write
 * at a time, the next once every watcher saw the last (or 5 s passed).
 */
public final class WatchLatency {

    static final String PREFIX = "/bench/watch";
    static final String KEY = PREFIX + "/k";
    static final double P50_BAR_MILLIS = 10;
    /** With the most watchers, the goal is relative: at most twice direct xs_wire watches' p50. */
    static final int MOST_WATCHERS = 500;
    static final double MOST_WATCHERS_BAR = 2.0;
    /** Streams per connection stay under the agent's max_concurrent_streams (64). */
    private static final int STREAMS_PER_CHANNEL = 50;

    private final BenchEnv env;
    private final ResultTable table;
    private final Growth growth;
    private final Xenstored daemon;
    /** The same agent's RSS while serving one watcher: the baseline for the rows with many. */
    private long oneWatcherRssKib;

    public WatchLatency(BenchEnv env, ResultTable table, Growth growth, Xenstored daemon) {
        this.env = env;
        this.table = table;
        this.growth = growth;
        this.daemon = daemon;
    }

    public void run() throws Exception {
        try (XsWire writer = XsWire.connect(daemon.socket())) {
            writer.write(KEY, "-1".getBytes(StandardCharsets.UTF_8));
            try (ServerProcess agent = env.startAgent("watch-agent", BenchEnv.MEMORY_FLAGS,
                    List.of("--xenstore", daemon.socket().toString()))) {
                for (int watchers : env.quick() ? new int[] {1, 10} : new int[] {1, 10, 100, 500}) {
                    int events = env.quick() ? 10 : watchers >= 100 ? 40 : 100;
                    Sample direct = direct(writer, watchers, events);
                    Sample[] viaAgent = new Sample[1];
                    long rss = viaAgent(agent, writer, watchers, events, viaAgent);
                    report(watchers, viaAgent[0], direct, rss);
                }
            }
        }
    }

    private void report(int watchers, Sample agent, Sample direct, long rssKib) {
        Errors.check(agent, "agent Watch");
        Errors.check(direct, "direct watch");
        String what = "Watch event latency, " + watchers + " watcher" + (watchers > 1 ? "s" : "");
        double p50 = agent.p50Micros() / 1_000;
        table.add(new Row("5", what + ": p50", Fmt.micros(agent.p50Micros()),
                Fmt.micros(direct.p50Micros()) + " direct xs_wire watch",
                Fmt.ratio(agent.p50Micros() / direct.p50Micros()),
                watchers == MOST_WATCHERS ? "≤ 2.00×" : "≤ 10 ms",
                watchers == MOST_WATCHERS ? Fmt.atMost(agent.p50Micros() / direct.p50Micros(), MOST_WATCHERS_BAR)
                        : Fmt.atMost(p50, P50_BAR_MILLIS)));
        table.add(new Row("5", what + ": p99", Fmt.micros(agent.p99Micros()),
                Fmt.micros(direct.p99Micros()) + " direct xs_wire watch",
                Fmt.ratio(agent.p99Micros() / direct.p99Micros()), "-", "-"));
        growth.watchers.add(new Growth.WatcherPoint(watchers, p50, agent.p99Micros() / 1_000,
                direct.p50Micros() / 1_000, rssKib));
        if (watchers == 1) {
            oneWatcherRssKib = rssKib;
        }
        if (watchers >= 100 && oneWatcherRssKib > 0) {
            table.add(new Row("6", "agent RSS with " + watchers + " Watch streams", Fmt.mib(rssKib),
                    Fmt.mib(oneWatcherRssKib) + " same agent, 1 stream", Fmt.ratio((double) rssKib / oneWatcherRssKib),
                    "-", "-"));
        }
    }

    /** The writes and the bookkeeping both sides share: send times and arrivals per sequence number. */
    private static final class Round {
        final AtomicLongArray sentAt;
        final AtomicInteger[] seen;
        final Sample latencies = new Sample();
        final int watchers;

        Round(int events, int watchers) {
            this.sentAt = new AtomicLongArray(events);
            this.seen = new AtomicInteger[events];
            for (int i = 0; i < events; i++) {
                seen[i] = new AtomicInteger();
            }
            this.watchers = watchers;
        }

        void arrived(int seq, long now) {
            if (seq < 0 || seq >= seen.length) {
                return;
            }
            latencies.record(now - sentAt.get(seq));
            seen[seq].incrementAndGet();
        }

        /** Writes one value at a time; {@code current} names the write in flight (raw events carry no value). */
        void run(XsWire writer, AtomicInteger current) throws Exception {
            long start = System.nanoTime();
            for (int seq = 0; seq < seen.length; seq++) {
                sentAt.set(seq, System.nanoTime());
                current.set(seq);
                writer.write(KEY, Integer.toString(seq).getBytes(StandardCharsets.UTF_8));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (seen[seq].get() < watchers && System.nanoTime() < deadline) {
                    Thread.sleep(0, 200_000);
                }
                for (int missing = seen[seq].get(); missing < watchers; missing++) {
                    latencies.error();
                }
                Thread.sleep(2);
            }
            latencies.addTime(System.nanoTime() - start);
        }
    }

    private Sample direct(XsWire writer, int watchers, int events) throws Exception {
        Round round = new Round(events, watchers);
        AtomicInteger current = new AtomicInteger(-1);
        List<XsWire> connections = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        try {
            for (int i = 0; i < watchers; i++) {
                XsWire watch = XsWire.connect(daemon.socket());
                connections.add(watch);
                watch.watch(PREFIX, "w" + i);
                Thread reader = new Thread(() -> {
                    try {
                        while (true) {
                            String path = watch.nextEventPath();
                            if (path.equals(KEY)) {
                                // A raw event names the path only: it belongs to the write in flight.
                                round.arrived(current.get(), System.nanoTime());
                            }
                        }
                    } catch (Exception closed) {
                        // The connection was closed at the end of the round.
                    }
                }, "xs-watch-" + i);
                reader.setDaemon(true);
                reader.start();
                readers.add(reader);
            }
            round.run(writer, current);
            return round.latencies;
        } finally {
            for (XsWire connection : connections) {
                connection.close();
            }
            for (Thread reader : readers) {
                reader.join(1_000);
            }
        }
    }

    private long viaAgent(ServerProcess agent, XsWire writer, int watchers, int events, Sample[] result)
            throws Exception {
        Round round = new Round(events, watchers);
        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < (watchers + STREAMS_PER_CHANNEL - 1) / STREAMS_PER_CHANNEL; i++) {
            channels.add(Rpc.channel(agent.port()));
        }
        try {
            int unit = Rpc.unitOf(channels.get(0), "xenstore");
            WatchRequest request = WatchRequest.newBuilder().setUnit(unit).addPrefixes(PREFIX).build();
            CountDownLatch synced = new CountDownLatch(watchers);
            for (int i = 0; i < watchers; i++) {
                PvBusGrpc.newStub(channels.get(i / STREAMS_PER_CHANNEL)).watch(request, new StreamObserver<>() {
                    @Override
                    public void onNext(WatchEvent event) {
                        if (event.hasSync()) {
                            synced.countDown();
                        } else if (event.hasUpdate() && event.getUpdate().getKey().equals(KEY)) {
                            long now = System.nanoTime();
                            try {
                                round.arrived(Integer.parseInt(event.getUpdate().getValue().toStringUtf8()), now);
                            } catch (NumberFormatException e) {
                                // The value written before the round.
                            }
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
                throw new IllegalStateException((synced.getCount()) + " of " + watchers
                        + " Watch streams never reached their sync marker");
            }
            round.run(writer, new AtomicInteger());
            result[0] = round.latencies;
            return agent.rssKib();
        } finally {
            for (ManagedChannel channel : channels) {
                Rpc.close(channel);
            }
            // Let the agent notice the cancelled streams before the next count starts.
            Thread.sleep(500);
        }
    }
}
