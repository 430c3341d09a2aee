package io.pvscope.bench.sections;

import io.grpc.ManagedChannel;
import io.pvscope.bench.BenchEnv;
import io.pvscope.bench.Rpc;
import io.pvscope.bench.baseline.BareMethods;
import io.pvscope.bench.baseline.BenchKeys;
import io.pvscope.bench.proc.ServerProcess;
import io.pvscope.bench.report.Fmt;
import io.pvscope.bench.report.ResultTable;
import io.pvscope.bench.report.Row;
import io.pvscope.proto.v1.KvReadRequest;
import java.util.List;

/**
 * 1b. What the transport costs by itself: the bare server on NIO (the agent's TCP listener where netty has no
 * native transport, as on OpenBSD) against the same server on native epoll (gRPC's default, and the agent's
 * listener on Linux), 1/8/64 callers, both separate JVMs with default flags.
 */
public final class TransportCost {

    /** NIO may cost a little where it is the only transport. */
    static final double LATENCY_BAR = 1.10;

    private final BenchEnv env;
    private final ResultTable table;

    public TransportCost(BenchEnv env, ResultTable table) {
        this.env = env;
        this.table = table;
    }

    public void run() throws Exception {
        try (ServerProcess nio = env.startBare("transport-nio", BenchEnv.DEFAULT_FLAGS, List.of("--nio"));
             ServerProcess epoll = env.startBare("transport-epoll", BenchEnv.DEFAULT_FLAGS)) {
            ManagedChannel nioChannel = Rpc.channel(nio.port());
            ManagedChannel epollChannel = Rpc.channel(epoll.port());
            try {
                KvReadRequest request = KvReadRequest.newBuilder().setKey(BenchKeys.READ_KEY).build();
                var nioRead = Rpc.unary(nioChannel, BareMethods.READ, request);
                var epollRead = Rpc.unary(epollChannel, BareMethods.READ, request);
                CallerSweep.run(env, nioRead, "bare Read on NIO", epollRead, "bare Read on epoll",
                        (callers, result) -> {
                    String what = "transport NIO vs epoll, " + callers + " caller" + (callers > 1 ? "s" : "");
                    double p50 = result.subject().p50Micros() / result.baseline().p50Micros();
                    double rate = result.subject().throughput() / result.baseline().throughput();
                    table.add(new Row("1b", what + ": p50", Fmt.micros(result.subject().p50Micros()),
                            Fmt.micros(result.baseline().p50Micros()) + " epoll", Fmt.ratio(p50), "≤ 1.10×",
                            Fmt.atMost(p50, LATENCY_BAR)));
                    table.add(new Row("1b", what + ": throughput", Fmt.rate(result.subject().throughput()),
                            Fmt.rate(result.baseline().throughput()) + " epoll", Fmt.ratio(rate), "-", "-"));
                });
            } finally {
                Rpc.close(nioChannel);
                Rpc.close(epollChannel);
            }
        }
    }
}
