package io.pvscope.bench.sections;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.pvscope.agent.kv.xenstore.XenStoreEndpoint;
import io.pvscope.agent.kv.xenstore.XenStoreKvStore;
import io.pvscope.bench.BenchEnv;
import io.pvscope.bench.Rpc;
import io.pvscope.bench.baseline.BareMethods;
import io.pvscope.bench.load.Alternation;
import io.pvscope.bench.load.ClosedLoop;
import io.pvscope.bench.load.Sample;
import io.pvscope.bench.proc.ProcessTimer;
import io.pvscope.bench.proc.ServerProcess;
import io.pvscope.bench.report.Fmt;
import io.pvscope.bench.report.ResultTable;
import io.pvscope.bench.report.Row;
import io.pvscope.bench.xs.XsWire;
import io.pvscope.proto.v1.KvListRequest;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.testsupport.xenstore.Xenstored;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * 2. XenStore reads and writes through the agent (gRPC → agent → its one xenstored connection) against
 * direct xs_wire round trips from Java to the same daemon (one socket per caller), and against running
 * xenstore-read once per value, as a shell script would.
 */
public final class XenStoreThroughput {

    static final String READ_KEY = "/bench/x";
    static final String WRITE_KEY = "/bench/w";
    static final double THROUGHPUT_BAR = 0.5;
    /** The subtree listed with its values against reading its keys one by one. */
    static final String LIST_PARENT = "/bench/list";
    static final int LIST_KEYS = 1_000;
    static final double LIST_BAR = 0.5;
    /** The agent's XenStore reads against the gRPC hop alone: its own work costs at most a tenth. */
    static final double FLOOR_BAR = 0.9;

    private final BenchEnv env;
    private final ResultTable table;
    private final Xenstored daemon;

    public XenStoreThroughput(BenchEnv env, ResultTable table, Xenstored daemon) {
        this.env = env;
        this.table = table;
        this.daemon = daemon;
    }

    public void run() throws Exception {
        byte[] value = "value-of-x______".getBytes(StandardCharsets.UTF_8);
        try (XsWire setup = XsWire.connect(daemon.socket())) {
            setup.write(READ_KEY, value);
            setup.write(WRITE_KEY, value);
        }
        List<XsWire> direct = new ArrayList<>();
        try (ServerProcess agent = env.startAgent("xenstore-agent", BenchEnv.DEFAULT_FLAGS,
                List.of("--xenstore", daemon.socket().toString()))) {
            ManagedChannel channel = Rpc.channel(agent.port());
            try {
                for (int i = 0; i < 8; i++) {
                    direct.add(XsWire.connect(daemon.socket()));
                }
                int unit = Rpc.unitOf(channel, "xenstore");
                var read = Rpc.unary(channel, PvBusGrpc.getKvReadMethod(),
                        KvReadRequest.newBuilder().setUnit(unit).setKey(READ_KEY).build());
                var write = Rpc.unary(channel, PvBusGrpc.getKvWriteMethod(), KvWriteRequest.newBuilder()
                        .setUnit(unit).setKey(WRITE_KEY).setValue(ByteString.copyFrom(value)).build());
                Alternation alternation = new Alternation(env.scaled(2_000), env.scaled(1_000), 4);
                Sample agentReadOne = null;
                Sample directReadOne = null;
                for (int callers : new int[] {1, 8}) {
                    var reads = alternation.compare(d -> ClosedLoop.async(read, callers, d),
                            d -> ClosedLoop.blocking(c -> direct.get(c).read(READ_KEY), callers, d));
                    report("KvRead", callers, reads);
                    if (callers == 1) {
                        agentReadOne = reads.subject();
                        directReadOne = reads.baseline();
                    }
                    var writes = alternation.compare(d -> ClosedLoop.async(write, callers, d),
                            d -> ClosedLoop.blocking(c -> direct.get(c).write(WRITE_KEY, value), callers, d));
                    report("KvWrite", callers, writes);
                }
                processBaseline(agentReadOne);
                bulkList(channel, unit, direct.get(0));
                storeLayer(alternation, direct);
                grpcFloor(alternation, read, directReadOne);
            } finally {
                Rpc.close(channel);
                for (XsWire wire : direct) {
                    wire.close();
                }
            }
        }
    }

    private void report(String op, int callers, Alternation.Result result) {
        Errors.check(result.subject(), "agent " + op);
        Errors.check(result.baseline(), "direct xs_wire " + op);
        String what = "XenStore " + op + ", " + callers + " caller" + (callers > 1 ? "s" : "");
        double rate = result.subject().throughput() / result.baseline().throughput();
        table.add(new Row("2", what + ": throughput", Fmt.rate(result.subject().throughput()),
                Fmt.rate(result.baseline().throughput()) + " direct xs_wire", Fmt.ratio(rate), "≥ 0.50×",
                Fmt.atLeast(rate, THROUGHPUT_BAR)));
        table.add(new Row("2", what + ": p50", Fmt.micros(result.subject().p50Micros()),
                Fmt.micros(result.baseline().p50Micros()) + " direct xs_wire",
                Fmt.ratio(result.subject().p50Micros() / result.baseline().p50Micros()), "-", "-"));
    }

    /**
     * A subtree of {@link #LIST_KEYS} values: KvList with values through the agent, streamed to the end,
     * against direct xs_wire READs of the same keys one after another on one connection, the way a tool that
     * knows the keys would fetch them. The agent must be at least half as fast as that although it also tells
     * each key's children and access.
     */
    private void bulkList(ManagedChannel channel, int unit, XsWire wire) throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < LIST_KEYS; i++) {
            String key = LIST_PARENT + "/k" + i;
            wire.write(key, ("value-" + i + "__________").getBytes(StandardCharsets.UTF_8));
            keys.add(key);
        }
        KvListRequest list = KvListRequest.newBuilder().setUnit(unit).setKey(LIST_PARENT).setWithValues(true)
                .build();
        var listings = new Alternation(env.scaled(2_000), env.scaled(2_000), 4).compare(
                d -> ClosedLoop.blocking(c -> Rpc.drain(channel, PvBusGrpc.getKvListMethod(), list), 1, d),
                d -> ClosedLoop.blocking(c -> {
                    for (String key : keys) {
                        wire.read(key);
                    }
                }, 1, d));
        Errors.check(listings.subject(), "agent KvList");
        Errors.check(listings.baseline(), "direct xs_wire reads");
        double speed = listings.baseline().p50Micros() / listings.subject().p50Micros();
        table.add(new Row("2", "XenStore KvList of " + LIST_KEYS + " keys with values: speed (p50)",
                Fmt.micros(listings.subject().p50Micros()),
                Fmt.micros(listings.baseline().p50Micros()) + " direct xs_wire READ per key", Fmt.ratio(speed),
                "≥ 0.50×", Fmt.atLeast(speed, LIST_BAR)));
    }

    /**
     * Diagnosis, not a target: the agent's own XenStore client (XenStoreKvStore, in this JVM, no gRPC) against
     * the same direct round trips, to tell the store layer's cost from the gRPC hop's.
     */
    private void storeLayer(Alternation alternation, List<XsWire> direct) throws Exception {
        try (XenStoreKvStore store = new XenStoreKvStore(XenStoreEndpoint.socket(daemon.socket()))) {
            for (int callers : new int[] {1, 8}) {
                var reads = alternation.compare(d -> ClosedLoop.blocking(c -> store.read(READ_KEY), callers, d),
                        d -> ClosedLoop.blocking(c -> direct.get(c).read(READ_KEY), callers, d));
                Errors.check(reads.subject(), "XenStoreKvStore.read");
                Errors.check(reads.baseline(), "direct xs_wire read");
                double rate = reads.subject().throughput() / reads.baseline().throughput();
                table.add(new Row("2", "XenStoreKvStore.read in-process (no gRPC), " + callers + " caller"
                        + (callers > 1 ? "s" : ""), Fmt.rate(reads.subject().throughput()),
                        Fmt.rate(reads.baseline().throughput()) + " direct xs_wire", Fmt.ratio(rate), "-", "-"));
            }
        }
    }

    /**
     * The same KvRead against the bare gRPC echo, i.e. what one loopback gRPC hop costs on this machine whatever
     * the agent does behind it; and, for a lone caller, against that hop and a direct xs_wire round trip one
     * after the other, the least a read through the agent can cost.
     */
    private void grpcFloor(Alternation alternation, io.pvscope.bench.load.AsyncOp read, Sample directReadOne)
            throws Exception {
        try (ServerProcess bare = env.startBare("xenstore-bare", BenchEnv.DEFAULT_FLAGS)) {
            ManagedChannel channel = Rpc.channel(bare.port());
            try {
                var echo = Rpc.unary(channel, BareMethods.READ,
                        KvReadRequest.newBuilder().setKey(READ_KEY).build());
                for (int callers : new int[] {1, 8}) {
                    var reads = alternation.compare(d -> ClosedLoop.async(read, callers, d),
                            d -> ClosedLoop.async(echo, callers, d));
                    Errors.check(reads.subject(), "agent KvRead");
                    Errors.check(reads.baseline(), "bare Read");
                    table.add(new Row("2", "XenStore KvRead via agent vs gRPC floor, " + callers + " caller"
                            + (callers > 1 ? "s" : ""), Fmt.rate(reads.subject().throughput()),
                            Fmt.rate(reads.baseline().throughput()) + " bare echo",
                            Fmt.ratio(reads.subject().throughput() / reads.baseline().throughput()), "≥ 0.90×",
                            Fmt.atLeast(reads.subject().throughput() / reads.baseline().throughput(), FLOOR_BAR)));
                    if (callers == 1) {
                        double inSeries = 1 / (1 / reads.baseline().throughput() + 1 / directReadOne.throughput());
                        table.add(new Row("2", "XenStore KvRead via agent vs gRPC floor + xs_wire round trip,"
                                + " 1 caller", Fmt.rate(reads.subject().throughput()),
                                Fmt.rate(inSeries) + " bare echo and direct xs_wire in series",
                                Fmt.ratio(reads.subject().throughput() / inSeries), "-", "-"));
                    }
                }
            } finally {
                Rpc.close(channel);
            }
        }
    }

    /** Context only: what a script pays when it runs Xen's own client for every value. */
    private void processBaseline(Sample agentReadOne) throws Exception {
        double millis = ProcessTimer.medianMillis(List.of("env", "XENSTORED_PATH=" + daemon.socket(),
                "xenstore-read", READ_KEY), env.quick() ? 5 : 30);
        double processRate = 1_000 / millis;
        table.add(new Row("2", "XenStore KvRead, 1 caller vs xenstore-read per value",
                Fmt.rate(agentReadOne.throughput()), Fmt.rate(processRate) + " (" + Fmt.millis(millis) + " each)",
                Fmt.ratio(agentReadOne.throughput() / processRate), "-", "-"));
    }
}
