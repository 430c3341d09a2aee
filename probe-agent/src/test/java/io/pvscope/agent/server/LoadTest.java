package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 clients, each on its own connection, against a real agent process for a bounded time: nine in ten
 * read and write their own key (one write in ten calls), one in ten holds a Watch on everybody's keys and
 * reads too. Every call must succeed and every watch must stay open; the agent's resident memory must stay
 * bounded. The agent's limits are raised through its configuration file, since by default all loopback
 * callers share one identity ("local") with 32 calls, 8 streams and 50 calls a second; the backend deadline
 * too, as calls queue for the store and on two shared cores a slow store is load, not a hung one.
 * {@code -Dpvscope.soak.seconds=N} (scripts/soak) runs it longer; latencies and memory are printed. A second
 * run mixes in attacks by another local user.
 */
class LoadTest {

    /** kvm-hyperv: units 0 and 1 have no store; 2 is the simulated store. */
    private static final int SIM = 2;
    private static final int CLIENTS = 500;
    private static final int SECONDS = Integer.getInteger("pvscope.soak.seconds", 15);
    /** The agent runs with -Xmx256m; beyond this its memory is not bounded by the heap. */
    private static final long RSS_BOUND_KIB = 1024 * 1024;

    @TempDir
    Path dir;

    private final AtomicLong unexpected = new AtomicLong();
    private final Map<String, Throwable> firstErrors = new ConcurrentHashMap<>();

    @Test
    void fiveHundredClientsReadWriteAndWatch() throws Exception {
        try (AgentProcess agent = serve(100_000)) {
            run(agent, false);
        }
    }

    /**
     * The same load while another local user (nobody) floods the agent with 2,000 connections that never
     * send a byte and holds 40 calls that never send their request: the load must not notice beyond
     * latency. The per-peer cap is the load's own need (its 500 clients are one user, root), which the
     * attacker is held to as well.
     */
    @Test
    void fiveHundredClientsUnderAttackFromAnotherLocalUser() throws Exception {
        LocalAttacker.assumeRootWithSetpriv();
        try (AgentProcess agent = serve(CLIENTS + 50)) {
            run(agent, true);
            List<String> refusals = Files.readAllLines(dir.resolve("agent.log")).stream()
                    .filter(line -> line.startsWith("pvscope-agent: refused")).toList();
            System.out.println("load under attack: the agent said: " + refusals);
            assertThat(refusals).as("the flood reached the connection limits").isNotEmpty();
        }
    }

    private AgentProcess serve(int connectionsPerPeer) throws Exception {
        String config = String.join("\n",
                "clients: [{name: local, local: true, read: [\"*\"], write: [\"sim:data/\"]}]",
                "limits: {max_calls_per_client: 100000, max_streams_per_client: 100000, max_watchers: 100000,",
                "         backend_deadline: 60s,",
                "         rate_per_second: 1000000000, rate_burst: 1000000}",
                "connections: {max_connections_per_peer: " + connectionsPerPeer + "}", "");
        return AgentProcess.serveConfigured(dir, "kvm-hyperv", config, "--store", "sim=" + dir.resolve("sim.json"));
    }

    private void run(AgentProcess agent, boolean attacked) throws Exception {
        List<ManagedChannel> channels = new ArrayList<>();
        List<LatencyLog> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Context.CancellableContext> watches = new ArrayList<>();
        AtomicLong watchEvents = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        for (int c = 0; c < CLIENTS; c++) {
            ManagedChannel channel = agent.channel();
            channels.add(channel);
            LatencyLog log = new LatencyLog();
            latencies.add(log);
            String key = "data/load/c" + c;
            if (c % 10 == 0) {
                watches.add(watch(channel, watchEvents));
            }
            Thread client = new Thread(() -> {
                PvBusGrpc.PvBusBlockingStub stub = PvBusGrpc.newBlockingStub(channel);
                call(log, () -> write(stub, key, "first"));
                ready.countDown();
                await(go);
                for (int i = 1; !stop.get(); i++) {
                    int n = i;
                    if (n % 10 == 0 && !key.endsWith("0")) {
                        call(log, () -> write(stub, key, "value " + n));
                        writes.incrementAndGet();
                    } else {
                        call(log, () -> read(stub, key));
                    }
                }
            }, "client " + c);
            client.start();
            threads.add(client);
        }
        assertThat(ready.await(120, TimeUnit.SECONDS)).as("all clients connected and wrote once").isTrue();
        LivenessObserver observer = new LivenessObserver(agent.channel(), SIM);
        long rssStart = ProcessMemory.rssKib(agent.pid());
        long peak = rssStart;
        List<LocalAttacker> attackers = new ArrayList<>();
        if (attacked) {
            String port = Integer.toString(agent.port);
            // The attack is in place before the load starts: each has opened what it could (the calls
            // first: the connection flood then fills the agent's connection limit).
            attackers.add(LocalAttacker.start("HalfOpenCalls", port, "40"));
            System.out.println("load under attack: the attacker says: " + attackers.get(0).line());
            attackers.add(LocalAttacker.start("SilentConnections", port, "2000", "600000", "hold"));
            System.out.println("load under attack: the attacker says: " + attackers.get(1).line());
        }
        go.countDown();
        long begin = System.nanoTime();
        long end = begin + TimeUnit.SECONDS.toNanos(SECONDS);
        // Heap, code cache and thread stacks settle within the first third (at most 30 s) of the load.
        long warm = begin + TimeUnit.SECONDS.toNanos(Math.min(30, SECONDS / 3));
        long rssWarm = -1;
        long peakWarm = 0;
        while (System.nanoTime() < end) {
            Thread.sleep(250);
            long rss = ProcessMemory.rssKib(agent.pid());
            peak = Math.max(peak, rss);
            if (System.nanoTime() >= warm) {
                rssWarm = rssWarm < 0 ? rss : rssWarm;
                peakWarm = Math.max(peakWarm, rss);
            }
        }
        stop.set(true);
        for (LocalAttacker attacker : attackers) {
            attacker.close();
        }
        LivenessObserver.Alarms alarms = observer.close();
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        long rssEnd = ProcessMemory.rssKib(agent.pid());
        watches.forEach(w -> w.cancel(null));
        channels.forEach(ManagedChannel::shutdownNow);

        long[] sorted = LatencyLog.sorted(latencies);
        System.out.printf("load%s: %d clients (%d watching) for %d s: %d calls (%d writes), %d watch events;"
                        + " latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; agent RSS %d MiB after connecting,"
                        + " peak %d MiB, end %d MiB (growth %+d MiB); unexpected errors %d%n",
                attacked ? " under attack" : "", CLIENTS, watches.size(), SECONDS, sorted.length, writes.get(),
                watchEvents.get(),
                LatencyLog.percentileMillis(sorted, 0.50), LatencyLog.percentileMillis(sorted, 0.99),
                LatencyLog.percentileMillis(sorted, 1.0), rssStart / 1024, peak / 1024, rssEnd / 1024,
                (rssEnd - rssStart) / 1024, unexpected.get());
        System.out.printf("load: false 'not answering' alarms under load: %d from the quiet watch's heartbeats,"
                        + " %d from health pings (aim 0); longest silence %d ms (alarm at %d ms)%n",
                alarms.watch(), alarms.ping(), alarms.longestSilence().toMillis(), alarms.threshold().toMillis());
        System.out.printf("load%s: agent RSS after warm-up (%d s) %d MiB, peak since %d MiB, end %d MiB (growth"
                        + " since warm-up %+d MiB); agent JVM flags: %s%n", attacked ? " under attack" : "",
                Math.min(30, SECONDS / 3), rssWarm / 1024, peakWarm / 1024, rssEnd / 1024,
                (rssEnd - rssWarm) / 1024, System.getProperty("pvscope.agent.jvmFlags", "-Xmx256m"));
        firstErrors.forEach((what, e) -> System.out.println("first error " + what + ": " + e));
        assertThat(unexpected.get()).as("unexpected errors").isZero();
        assertThat(threads).noneMatch(Thread::isAlive);
        assertThat(peak).as("agent RSS (KiB)").isLessThan(RSS_BOUND_KIB);
    }

    /** A watch on all clients' keys; any end of the stream before the test cancels it is unexpected. */
    private Context.CancellableContext watch(ManagedChannel channel, AtomicLong events) {
        Context.CancellableContext context = Context.current().withCancellation();
        WatchRequest request = WatchRequest.newBuilder().setUnit(SIM).addPrefixes("data/load").build();
        context.run(() -> PvBusGrpc.newStub(channel).watch(request, new StreamObserver<>() {
            @Override
            public void onNext(WatchEvent event) {
                events.incrementAndGet();
                if (event.hasUnavailable()) {
                    failed("watch", new IllegalStateException(event.toString()));
                }
            }

            @Override
            public void onError(Throwable t) {
                if (!context.isCancelled()) {
                    failed("watch", t);
                }
            }

            @Override
            public void onCompleted() {
                failed("watch", new IllegalStateException("the agent ended a watch"));
            }
        }));
        return context;
    }

    private void call(LatencyLog log, Runnable rpc) {
        long start = System.nanoTime();
        try {
            rpc.run();
        } catch (StatusRuntimeException e) {
            failed("call", e);
        }
        log.add(System.nanoTime() - start);
    }

    private void failed(String what, Throwable e) {
        unexpected.incrementAndGet();
        firstErrors.putIfAbsent(what, e);
    }

    private static void write(PvBusGrpc.PvBusBlockingStub stub, String key, String value) {
        stub.withDeadlineAfter(60, TimeUnit.SECONDS).kvWrite(KvWriteRequest.newBuilder().setUnit(SIM).setKey(key)
                .setValue(ByteString.copyFromUtf8(value)).build());
    }

    private static void read(PvBusGrpc.PvBusBlockingStub stub, String key) {
        stub.withDeadlineAfter(60, TimeUnit.SECONDS).kvRead(KvReadRequest.newBuilder().setUnit(SIM).setKey(key)
                .build());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
