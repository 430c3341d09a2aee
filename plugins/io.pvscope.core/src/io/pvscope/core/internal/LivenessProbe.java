package io.pvscope.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.grpc.Channel;
import io.pvscope.client.HealthPing;
import io.pvscope.client.LatencyWindow;
import io.pvscope.client.Silence;

/**
 * Pings an agent's health service once per interval while a connection is open: every answer is a latency
 * sample and proof of life; {@value Silence#MISSED_HEARTBEATS} intervals without one make the agent "not
 * answering" (a guest stopped at a breakpoint keeps its TCP connection open and simply stops answering).
 * One ping at a time: a stopped agent never piles up calls.
 */
public final class LivenessProbe implements AutoCloseable {

    /** What the probe tells its connection. */
    public interface Listener {
        /**
         * A ping was answered, or (with a silence) anything at all came from the agent after it had not
         * answered; {@code silence} is how long it had not.
         */
        void answered(java.util.Optional<Duration> silence);

        /** The agent stopped answering; the last answer came at {@code lastAnswer}. */
        void notAnswering(Instant lastAnswer);
    }

    private final Channel channel;
    private final Duration interval;
    private final Listener listener;
    private final Silence silence;
    private final Clock clock;
    private final LatencyWindow latencies = new LatencyWindow();
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile ScheduledFuture<?> ticks;
    private volatile boolean closed;
    private volatile long lastPingNanos;

    public LivenessProbe(Channel channel, Duration interval, Listener listener, Clock clock) {
        this.channel = channel;
        this.interval = interval;
        this.listener = listener;
        this.silence = Silence.of(interval);
        this.clock = clock;
    }

    public LivenessProbe start() {
        // Looked at four times per ping: a silence is seen within a quarter interval of when it counts.
        lastPingNanos = System.nanoTime() - interval.toNanos();
        ticks = Background.scheduler().scheduleAtFixedRate(this::tick, 0, interval.toNanos() / 4,
                TimeUnit.NANOSECONDS);
        return this;
    }

    /** The median round trip of the last minute. */
    public LatencyWindow latencies() {
        return latencies;
    }

    private void tick() {
        if (closed) {
            return;
        }
        Silence.Check check = silence.check();
        if (check.started()) {
            listener.notAnswering(clock.instant().minus(check.silence()));
        }
        if (System.nanoTime() - lastPingNanos < interval.toNanos() || !inFlight.compareAndSet(false, true)) {
            return;
        }
        lastPingNanos = System.nanoTime();
        // A ping may take as long as the silence that counts: a slow answer is still an answer.
        HealthPing.send(channel, silence.threshold()).whenComplete((latency, error) -> {
            inFlight.set(false);
            if (error != null || closed) {
                return;
            }
            latencies.add(latency);
            listener.answered(silence.heard());
        });
    }

    /**
     * Something else came from the agent (a watch event): as good as an answered ping. On a link saturated
     * by a large snapshot a ping's answer queues behind the data, but the data itself proves the agent alive.
     */
    public void heard() {
        if (closed) {
            return;
        }
        silence.heard().ifPresent(was -> listener.answered(java.util.Optional.of(was)));
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> running = ticks;
        if (running != null) {
            running.cancel(false);
        }
    }
}
