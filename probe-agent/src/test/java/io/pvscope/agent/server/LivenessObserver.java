package io.pvscope.agent.server;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.pvscope.client.HealthPing;
import io.pvscope.client.Silence;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches an agent's liveness as the clients do while other load runs: a watch on a quiet prefix with the
 * default heartbeat (as {@code pvscope watch}), and a health ping every heartbeat interval (as the IDE).
 * Every time either would have said "not answering" of an agent that is only busy is counted: a false alarm.
 */
final class LivenessObserver {

    /** What was seen: false alarms from each source, and the longest silence either saw. */
    record Alarms(int watch, int ping, Duration longestSilence, Duration threshold) {
    }

    private final ManagedChannel channel;
    private final Context.CancellableContext watchContext = Context.current().withCancellation();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "liveness-observer");
        thread.setDaemon(true);
        return thread;
    });
    private final Silence watchSilence = Silence.of(Silence.DEFAULT_HEARTBEAT);
    private final Silence pingSilence = Silence.of(Silence.DEFAULT_HEARTBEAT);
    private final AtomicInteger watchAlarms = new AtomicInteger();
    private final AtomicInteger pingAlarms = new AtomicInteger();
    private final AtomicLong longestNanos = new AtomicLong();

    /** @param channel a channel of its own, which {@link #close()} shuts down */
    LivenessObserver(ManagedChannel channel, int unit) {
        this.channel = channel;
        WatchRequest quiet = WatchRequest.newBuilder().setUnit(unit).addPrefixes("quiet/nothing-writes-here")
                .setHeartbeatInterval(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(Silence.DEFAULT_HEARTBEAT.getSeconds()))
                .build();
        watchContext.run(() -> PvBusGrpc.newStub(channel).watch(quiet, new StreamObserver<>() {
            @Override
            public void onNext(WatchEvent event) {
                watchSilence.heard();
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        }));
        long quarter = Silence.DEFAULT_HEARTBEAT.toNanos() / 4;
        ticks.scheduleAtFixedRate(this::check, quarter, quarter, TimeUnit.NANOSECONDS);
        ticks.scheduleAtFixedRate(() -> HealthPing.send(channel, pingSilence.threshold())
                .thenRun(pingSilence::heard), 0, Silence.DEFAULT_HEARTBEAT.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void check() {
        count(watchSilence.check(), watchAlarms);
        count(pingSilence.check(), pingAlarms);
    }

    private void count(Silence.Check check, AtomicInteger alarms) {
        longestNanos.accumulateAndGet(check.silence().toNanos(), Math::max);
        if (check.started()) {
            alarms.incrementAndGet();
        }
    }

    /** Stops watching and says what was seen. */
    Alarms close() {
        ticks.shutdownNow();
        watchContext.cancel(null);
        channel.shutdownNow();
        return new Alarms(watchAlarms.get(), pingAlarms.get(), Duration.ofNanos(longestNanos.get()),
                watchSilence.threshold());
    }
}
