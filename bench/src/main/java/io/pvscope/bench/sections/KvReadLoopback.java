package io.pvscope.bench.sections;

import io.grpc.ManagedChannel;
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
import java.util.List;

/**
 * 1. Unary KvRead on the simulated store over loopback against the bare server answering the same message
 * from memory; both are separate JVMs with default flags, the client is this one, 1/8/64 callers.
 */
public final class KvReadLoopback {

    /** The goals: the agent's own work adds at most 15% to a call's latency and costs at most 10% of throughput. */
    static final double LATENCY_BAR = 1.15;
    static final double THROUGHPUT_BAR = 0.9;
    /** The tail is the noisiest figure on shared cores: a looser bar. */
    static final double P99_BAR = 1.3;

    private final BenchEnv env;
    private final ResultTable table;

    public KvReadLoopback(BenchEnv env, ResultTable table) {
        this.env = env;
        this.table = table;
    }

    public void run() throws Exception {
        var store = SimFiles.seed(env.work("kvread").resolve("sim.json"), 1_000);
        try (ServerProcess agent = env.startAgent("kvread-agent", BenchEnv.DEFAULT_FLAGS, List.of("--store", "sim=" + store));
             ServerProcess bare = env.startBare("kvread-bare", BenchEnv.DEFAULT_FLAGS)) {
            ManagedChannel agentChannel = Rpc.channel(agent.port());
            ManagedChannel bareChannel = Rpc.channel(bare.port());
            try {
                int unit = Rpc.unitOf(agentChannel, "sim");
                KvReadRequest request = KvReadRequest.newBuilder().setUnit(unit).setKey(BenchKeys.READ_KEY).build();
                var agentRead = Rpc.unary(agentChannel, PvBusGrpc.getKvReadMethod(), request);
                var bareRead = Rpc.unary(bareChannel, BareMethods.READ, request);
                CallerSweep.run(env, new CallerSweep.Side(agentRead, "agent KvRead", agent.pid()),
                        new CallerSweep.Side(bareRead, "bare Read", bare.pid()), (callers, result) -> {
                    String what = "KvRead sim, " + callers + " caller" + (callers > 1 ? "s" : "");
                    double p50 = result.subject().p50Micros() / result.baseline().p50Micros();
                    double p99 = result.subject().p99Micros() / result.baseline().p99Micros();
                    double rate = result.subject().throughput() / result.baseline().throughput();
                    table.add(new Row("1", what + ": p50", Fmt.micros(result.subject().p50Micros()),
                            Fmt.micros(result.baseline().p50Micros()) + " bare echo", Fmt.ratio(p50), "≤ 1.15×",
                            Fmt.atMost(p50, LATENCY_BAR)));
                    table.add(new Row("1", what + ": p99", Fmt.micros(result.subject().p99Micros()),
                            Fmt.micros(result.baseline().p99Micros()) + " bare echo", Fmt.ratio(p99), "≤ 1.30×",
                            Fmt.atMost(p99, P99_BAR)));
                    table.add(new Row("1", what + ": throughput", Fmt.rate(result.subject().throughput()),
                            Fmt.rate(result.baseline().throughput()) + " bare echo", Fmt.ratio(rate), "≥ 0.90×",
                            Fmt.atLeast(rate, THROUGHPUT_BAR)));
                    double cpu = result.subject().serverCpuMicrosPerCall() / result.baseline().serverCpuMicrosPerCall();
                    table.add(new Row("1", what + ": server CPU per call",
                            Fmt.micros(result.subject().serverCpuMicrosPerCall()),
                            Fmt.micros(result.baseline().serverCpuMicrosPerCall()) + " bare echo", Fmt.ratio(cpu),
                            "-", "-"));
                });
            } finally {
                Rpc.close(agentChannel);
                Rpc.close(bareChannel);
            }
        }
    }
}
