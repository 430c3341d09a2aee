package io.pvscope.bench.sections;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.pvscope.bench.BenchEnv;
import io.pvscope.bench.Rpc;
import io.pvscope.bench.baseline.SimFiles;
import io.pvscope.bench.proc.ProcStatus;
import io.pvscope.bench.proc.ServerProcess;
import io.pvscope.bench.report.ResultTable;
import io.pvscope.bench.report.Row;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 7. What proof of life costs: 100 idle Watch streams on one agent with heartbeats every second, against the
 * same 100 streams without heartbeats, in the same agent process, alternated. Measured: the agent's CPU time
 * and the bytes of watch events the client receives, per minute.
 */
public final class HeartbeatCost {

    static final int STREAMS = 100;
    static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private final BenchEnv env;
    private final ResultTable table;

    public HeartbeatCost(BenchEnv env, ResultTable table) {
        this.env = env;
        this.table = table;
    }

    /** CPU milliseconds of the agent and bytes received, over one measured period. */
    private record Cost(long cpuMillis, long bytes, Duration period) {
        double cpuPerMinute() {
            return cpuMillis * 60_000.0 / period.toMillis();
        }

        double bytesPerMinute() {
            return bytes * 60_000.0 / period.toMillis();
        }
    }

    public void run() throws Exception {
        var store = SimFiles.seed(env.work("heartbeats").resolve("sim.json"), 1_000);
        try (ServerProcess agent = env.startAgent("heartbeat-agent", BenchEnv.DEFAULT_FLAGS,
                List.of("--store", "sim=" + store))) {
            ManagedChannel channel = Rpc.channel(agent.port());
            try {
                int unit = Rpc.unitOf(channel, "sim");
                Duration period = env.scaled(20_000);
                List<Cost> with = new ArrayList<>();
                List<Cost> without = new ArrayList<>();
                for (int round = 0; round < 2; round++) {
                    without.add(measure(agent, channel, unit, Duration.ZERO, period));
                    with.add(measure(agent, channel, unit, HEARTBEAT, period));
                }
                double cpuWith = with.stream().mapToDouble(Cost::cpuPerMinute).average().orElse(0);
                double cpuWithout = without.stream().mapToDouble(Cost::cpuPerMinute).average().orElse(0);
                double bytesWith = with.stream().mapToDouble(Cost::bytesPerMinute).average().orElse(0);
                double bytesWithout = without.stream().mapToDouble(Cost::bytesPerMinute).average().orElse(0);
                String what = STREAMS + " idle watches, heartbeat every " + HEARTBEAT.toSeconds() + " s";
                table.add(new Row("7", what + ": agent CPU per minute", millis(cpuWith),
                        millis(cpuWithout) + " without heartbeats",
                        String.format(Locale.ROOT, "+%.0f ms", cpuWith - cpuWithout), "-", "-"));
                table.add(new Row("7", what + ": bytes per minute", kib(bytesWith),
                        kib(bytesWithout) + " without heartbeats",
                        String.format(Locale.ROOT, "+%.1f KiB", (bytesWith - bytesWithout) / 1024), "-", "-"));
            } finally {
                Rpc.close(channel);
            }
        }
    }

    /** Opens the streams, waits for their snapshots, then counts over {@code period} and closes them. */
    private static Cost measure(ServerProcess agent, ManagedChannel channel, int unit, Duration heartbeat,
                                Duration period) throws InterruptedException {
        WatchRequest.Builder request = WatchRequest.newBuilder().setUnit(unit).addPrefixes("data");
        if (!heartbeat.isZero()) {
            request.setHeartbeatInterval(com.google.protobuf.Duration.newBuilder().setSeconds(heartbeat.getSeconds()));
        }
        AtomicLong bytes = new AtomicLong();
        CountDownLatch synced = new CountDownLatch(STREAMS);
        List<Context.CancellableContext> streams = new ArrayList<>();
        PvBusGrpc.PvBusStub stub = PvBusGrpc.newStub(channel);
        for (int i = 0; i < STREAMS; i++) {
            Context.CancellableContext context = Context.current().withCancellation();
            streams.add(context);
            context.run(() -> stub.watch(request.build(), new StreamObserver<>() {
                private boolean live;

                @Override
                public void onNext(WatchEvent event) {
                    if (live) {
                        bytes.addAndGet(event.getSerializedSize());
                    } else if (event.hasSync()) {
                        live = true;
                        synced.countDown();
                    }
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            }));
        }
        try {
            if (!synced.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the watches did not all reach their sync marker");
            }
            Thread.sleep(500);
            bytes.set(0);
            long cpuBefore = ProcStatus.cpuMillis(agent.pid());
            long start = System.nanoTime();
            Thread.sleep(period.toMillis());
            long cpu = ProcStatus.cpuMillis(agent.pid()) - cpuBefore;
            return new Cost(cpu, bytes.get(), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            streams.forEach(context -> context.cancel(null));
            Thread.sleep(500);
        }
    }

    private static String millis(double millis) {
        return String.format(Locale.ROOT, "%.0f ms", millis);
    }

    private static String kib(double bytes) {
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
    }
}
